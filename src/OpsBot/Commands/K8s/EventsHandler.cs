using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;

namespace OpsBot.Commands.K8s;

/// <summary><c>/k8s events [-n NS | -A] [--since 1h] [--for pod/NAME]</c>: warnings first, newest first, with count and age.</summary>
public sealed class EventsHandler : ICommandHandler
{
    public const string Since = "since";
    public const string For = "for";
    public const string Warnings = "warnings";

    /// <summary>The most events read from the cluster for one answer.</summary>
    public const int MaxEvents = 20_000;

    public CommandDefinition Definition { get; } = new(["k8s", "events"], "Recent events: warnings first, newest first.", Permission.Read)
    {
        Aliases = ["event", "ev"],
        AllowsAllNamespaces = true,
        Flags =
        [
            new(Since, ValueKind.Duration, "Only events seen within this time, e.g. 15m, 1h.") { ValueName = "DURATION", DefaultText = "all" },
            new(For, ValueKind.ObjectReference, "Only events about this object, e.g. pod/web-1, deploy/frontend.") { ValueName = "KIND/NAME" },
            new(Warnings, ValueKind.Boolean, "Only warnings."),
        ],
        Examples = ["/k8s events -n ecommerce-production --since 1h", "/k8s events --for pod/frontend-7d9f-b", "/k8s events -A --warnings --since 15m"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = context.Command;
        var ns = context.AllNamespaces ? null : context.Namespace;
        var now = context.Time.GetUtcNow();
        var since = command.GetDuration(Since);
        var onlyWarnings = command.GetBool(Warnings);
        (string Kind, string Name)? forObject = null;
        if (command.GetString(For) is { } reference)
        {
            var slash = reference.IndexOf('/', StringComparison.Ordinal);
            forObject = (reference[..slash], reference[(slash + 1)..]);
        }

        var events = new List<EventSummary>();
        var hidden = 0;
        var listed = forObject is { } about
            ? await context.Reads.EventsForAsync(ns, about.Name, uid: null, about.Kind, cancellationToken).ConfigureAwait(false)
            : await context.Reads.EventsAsync(ns, cancellationToken).ConfigureAwait(false);
        foreach (var e in listed)
        {
            var summary = EventSummary.Of(e);
            if (ns is null && !context.IsNamespaceVisible(summary.Namespace))
            {
                hidden++;
                continue;
            }

            if ((since is { } window && summary.LastSeen is { } seen && now - seen > window) || (onlyWarnings && !summary.IsWarning))
            {
                continue;
            }

            events.Add(summary);
            if (events.Count >= MaxEvents)
            {
                break;
            }
        }

        var where = ns is null ? "all namespaces" : $"namespace {ns}";
        var scope = (command.GetString(For) is { } target ? $" for {target}" : string.Empty) + (since is { } s ? $" in the last {DurationSyntax.Format(s)}" : string.Empty);
        var footer = hidden > 0 ? new List<RichText> { $"{hidden:N0} events in namespaces you can't see here were left out" } : [];
        if (events.Count == 0)
        {
            var none = $"No {(onlyWarnings ? "warning " : string.Empty)}events{scope} in {where}.";
            return new ChatReply(new ChatMessage(none) { Blocks = [new SectionBlock(none), K8sReplies.Context(context, footer)] });
        }

        var sorted = EventSummary.Sort(events).ToList();
        var warnings = sorted.Count(e => e.IsWarning);
        var summaryText = $"{K8sReplies.Plural(sorted.Count, "event")}{scope} in {where}: {warnings} warning{(warnings == 1 ? string.Empty : "s")}";
        var rows = sorted.Take(context.Options.MaxRows).Select(e => e.Row(now, ns is null)).ToList();
        var blocks = new List<MessageBlock> { new SectionBlock(warnings > 0 ? RichText.Bold(summaryText) : RichText.Plain(summaryText)), new TableBlock(EventSummary.Columns(ns is null), rows) };
        if (sorted.Count > rows.Count)
        {
            blocks.Add(new ContextBlock([$"…and {sorted.Count - rows.Count:N0} more events"]));
        }

        blocks.Add(K8sReplies.Context(context, footer));
        return new ChatReply(new ChatMessage(summaryText) { Header = $"Events in {where}", Blocks = blocks });
    }
}
