using OpsBot.Audit;
using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Commands;
using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.ActionWorkflows;

/// <summary>
/// <c>/audit [--user U] [--since 1h] [--workflow ID] [--limit N]</c>: recent audit entries, newest first.
/// Needs <c>approve</c> (on any namespace): the people who decide on risky actions review who did what.
/// </summary>
public sealed class AuditCommandHandler(IAuditLog audit) : ICommandHandler
{
    private const int DefaultLimit = 20;

    public CommandDefinition Definition { get; } = new(["audit"], "Recent audit entries (requests, decisions, changes), newest first.", Permission.Approve)
    {
        Scope = CommandScope.Cluster,
        Flags =
        [
            new("user", ValueKind.Text, "Only this user: the platform id (alice, U0123) or platform:id (console:alice).") { ValueName = "USER" },
            new("since", ValueKind.Duration, "Only entries this recent (e.g. 30m, 1h, 2d).") { ValueName = "DURATION" },
            new("workflow", ValueKind.Text, "Only entries about this workflow.") { ValueName = "ID" },
            new("limit", ValueKind.Integer, "How many entries at most.") { ValueName = "N", Min = 1, Max = 200, DefaultText = "20" },
        ],
        Examples = ["/audit --since 1h", "/audit --user console:bob --limit 50", "/audit --workflow k3x9m2p7qa"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = context.Command;
        var workflow = command.GetString("workflow");
        if (workflow is not null && !WorkflowIds.IsWellFormed(workflow))
        {
            throw new CommandFailedException($"\"{workflow}\" is not a workflow id (letters, digits and '-')");
        }

        var (platform, user) = SplitUser(command.GetString("user"));
        var limit = command.GetInt("limit") ?? DefaultLimit;
        var now = context.Time.GetUtcNow();
        var entries = await audit.QueryAsync(
            new AuditQuery
            {
                Limit = platform is null ? limit : limit * 4,
                Since = command.GetDuration("since") is { } since ? now - since : null,
                User = user,
                Subject = workflow is null ? null : WorkflowActionIds.Subject(workflow),
            },
            cancellationToken).ConfigureAwait(false);
        var shown = entries.Where(entry => platform is null || entry.Platform == platform).Take(limit).ToList();
        var filters = string.Join(", ", new[]
        {
            user is null ? null : "user " + command.GetString("user"),
            command.GetDuration("since") is { } window ? "last " + DurationSyntax.Format(window) : null,
            workflow is null ? null : "workflow " + workflow,
        }.Where(filter => filter is not null));
        var title = $"Audit: {shown.Count} entr{(shown.Count == 1 ? "y" : "ies")}{(filters.Length == 0 ? string.Empty : " (" + filters + ")")}, newest first";
        if (shown.Count == 0)
        {
            return new ChatReply(new ChatMessage(title) { Header = "Audit", Blocks = [new SectionBlock("No audit entries match.")] }) { Ephemeral = true };
        }

        var rows = shown.Select(entry => (IReadOnlyList<string>)
        [
            WorkflowText.Time(entry.Time),
            Actors.PlatformName(entry.Platform) + ":" + entry.User,
            entry.Outcome.ToString(),
            entry.Subject is { } subject ? subject + " " + entry.CommandText : entry.CommandText,
            entry.Detail ?? string.Empty,
        ]).ToList();
        return new ChatReply(new ChatMessage(title)
        {
            Header = "Audit",
            Blocks =
            [
                new TableBlock(["TIME", "WHO", "OUTCOME", "WHAT", "DETAIL"], rows) { Caption = title },
            ],
        })
        {
            Ephemeral = true,
        };
    }

    private static (ChatPlatform? Platform, string? User) SplitUser(string? user)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            return (null, null);
        }

        var colon = user.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && Enum.TryParse<ChatPlatform>(user[..colon], ignoreCase: true, out var platform))
        {
            return (platform, user[(colon + 1)..]);
        }

        return (null, user);
    }
}
