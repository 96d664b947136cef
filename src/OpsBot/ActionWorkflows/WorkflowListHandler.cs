using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Commands;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Persistence;

namespace OpsBot.ActionWorkflows;

/// <summary><c>/workflow list [--state S] [--limit N]</c>: recent action workflows in namespaces the user may see, newest first.</summary>
public sealed class WorkflowListHandler(ActionWorkflowStore workflows) : ICommandHandler
{
    private const int DefaultLimit = 20;

    public CommandDefinition Definition { get; } = new(["workflow", "list"], "Recent action workflows, newest first.", Permission.Read)
    {
        Scope = CommandScope.Cluster,
        Flags =
        [
            new("state", ValueKind.Text, $"Only this state ({string.Join(", ", Enum.GetNames<ActionWorkflowState>())}).") { ValueName = "STATE" },
            new("limit", ValueKind.Integer, "How many at most.") { ValueName = "N", Min = 1, Max = 100, DefaultText = "20" },
        ],
        Examples = ["/workflow list", "/workflow list --state AwaitingApproval"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stateText = context.Command.GetString("state");
        ActionWorkflowState? state = null;
        if (stateText is not null)
        {
            if (!Enum.TryParse<ActionWorkflowState>(stateText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsAsciiDigit(stateText[0]))
            {
                throw new CommandFailedException($"Unknown state \"{stateText}\"; use one of {string.Join(", ", Enum.GetNames<ActionWorkflowState>())}");
            }

            state = parsed;
        }

        var limit = context.Command.GetInt("limit") ?? DefaultLimit;
        var found = await workflows.ListAsync(
            new WorkflowQuery { States = state is { } only ? [only.ToString()] : [], Limit = limit * 4 },
            cancellationToken).ConfigureAwait(false);
        var visible = found.Where(workflow => WorkflowArguments.IsVisible(context, workflow)).Take(limit).ToList();
        var now = context.Time.GetUtcNow();
        var title = $"{visible.Count} workflow{(visible.Count == 1 ? string.Empty : "s")}{(state is null ? string.Empty : " " + WorkflowText.State(state.Value).ToLowerInvariant())}, newest first";
        if (visible.Count == 0)
        {
            return new ChatReply(new ChatMessage(title) { Header = "Workflows", Blocks = [new SectionBlock("No workflows match.")] });
        }

        var rows = visible.Select(workflow => (IReadOnlyList<string>)
        [
            workflow.Id,
            WorkflowText.State(workflow.State),
            workflow.Kind,
            workflow.Target,
            WorkflowText.Namespace(workflow.Namespace),
            WorkflowText.Person(workflow.RequestedBy),
            $"{workflow.ApprovalCount}/{workflow.Rule.RequiredApprovals}",
            Ages.Format(now - workflow.CreatedAt),
        ]).ToList();
        return new ChatReply(new ChatMessage(title)
        {
            Header = "Workflows",
            Blocks = [new TableBlock(["ID", "STATE", "KIND", "TARGET", "NAMESPACE", "REQUESTED BY", "APPROVALS", "AGE"], rows) { Caption = title }],
        });
    }
}
