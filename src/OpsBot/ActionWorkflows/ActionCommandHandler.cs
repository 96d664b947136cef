using OpsBot.Actions;
using OpsBot.Chat;
using OpsBot.Commands;

namespace OpsBot.ActionWorkflows;

/// <summary>
/// The command of one <see cref="IClusterAction"/> (<c>/rollback</c>, <c>/scale-hpa</c>, …) plus
/// <c>--break-glass "REASON"</c>: it plans the action and opens its approval workflow; it never acts itself.
/// </summary>
public sealed class ActionCommandHandler : ICommandHandler
{
    public const string BreakGlassFlag = "break-glass";

    private static readonly FlagDefinition BreakGlass = new(BreakGlassFlag, ValueKind.Text, "Act now without approval, if policy allows you; the reason is mandatory and loudly audited.")
    {
        ValueName = "REASON",
    };

    private readonly IClusterAction _action;
    private readonly ActionWorkflowService _workflows;

    public ActionCommandHandler(IClusterAction action, ActionWorkflowService workflows)
    {
        ArgumentNullException.ThrowIfNull(action);
        _action = action;
        _workflows = workflows;
        Definition = action.Definition.Flags.Any(flag => flag.Name == BreakGlassFlag)
            ? action.Definition
            : action.Definition with { Flags = [.. action.Definition.Flags, BreakGlass] };
    }

    public CommandDefinition Definition { get; }

    public string Kind => _action.Kind;

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? reason = null;
        if (context.Command.Has(BreakGlassFlag))
        {
            reason = context.Command.GetString(BreakGlassFlag);
            if (string.IsNullOrWhiteSpace(reason))
            {
                return Error($"--break-glass needs a reason, e.g. --break-glass \"checkout down, approvers unreachable\". Usage: {Definition.Usage}");
            }
        }

        try
        {
            return await _workflows.RequestAsync(_action, context, reason, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandInputException error)
        {
            // Planning found the request itself wrong (no such revision, nothing would change): say so with the usage.
            return Error($"{error.Message} Usage: {Definition.Usage}");
        }
    }

    private static ChatReply Error(string text) =>
        new(new Chat.Messages.ChatMessage(text) { Blocks = [new Chat.Messages.SectionBlock(text)] }) { Ephemeral = true };
}
