using OpsBot.Chat;

namespace OpsBot.ActionWorkflows;

/// <summary>
/// One workflow step's context for its audit entries: the chat request behind it, and whether the store wrote the
/// entries in the step's own commit. Held in an <see cref="AsyncLocal{T}"/> because the store is reached through the
/// workflow layer (<c>ActionWorkflowStore</c>), which knows nothing of chat requests; it flows with the step's awaits.
/// </summary>
public sealed class WorkflowAuditScope : IDisposable
{
    private static readonly AsyncLocal<WorkflowAuditScope?> Ambient = new();

    private readonly WorkflowAuditScope? _outer;

    private WorkflowAuditScope(ChatRequest? request, WorkflowAuditScope? outer)
    {
        Request = request;
        _outer = outer;
    }

    /// <summary>The step being taken on this flow, if any.</summary>
    public static WorkflowAuditScope? Current => Ambient.Value;

    /// <summary>The request the step answers; <see langword="null"/> for the bot's own steps (execute, verify, expire).</summary>
    public ChatRequest? Request { get; }

    /// <summary>True once a store took the step's entries into the commit that stored it (then nobody writes them again).</summary>
    public bool WrittenByStore { get; internal set; }

    /// <summary>Starts a step taken for <paramref name="request"/>; dispose when the step is stored (or failed).</summary>
    public static WorkflowAuditScope Begin(ChatRequest? request)
    {
        var scope = new WorkflowAuditScope(request, Ambient.Value);
        Ambient.Value = scope;
        return scope;
    }

    public void Dispose() => Ambient.Value = _outer;
}
