using OpsBot.Chat;
using OpsBot.Chat.Messages;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary><c>/k8s statefulsets|daemonsets|jobs|cronjobs|pvc [NAME]</c>: kubectl's columns, the ones needing attention first; with NAME, as <c>describe</c>.</summary>
public abstract class WorkloadListHandler<T>(WorkloadKind<T> kind, CommandDefinition definition) : ICommandHandler
    where T : class, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>
{
    public CommandDefinition Definition { get; } = definition;

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Command.GetString("NAME") is { } name)
        {
            if (context.AllNamespaces)
            {
                throw new CommandFailedException($"Name a {kind.Noun} with -n NAMESPACE, not -A");
            }

            return await WorkloadDescribeHandler<T>.DescribeAsync(kind, context, name, cancellationToken).ConfigureAwait(false);
        }

        var ns = context.AllNamespaces ? null : context.Namespace;
        var now = context.Time.GetUtcNow();
        var items = new List<(T Item, string? Problem)>();
        var hidden = 0;
        await foreach (var item in kind.List(context.Client, ns).ItemsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (ns is null && !context.IsNamespaceVisible(item.Metadata?.NamespaceProperty ?? string.Empty))
            {
                hidden++;
                continue;
            }

            items.Add((item, kind.Problem(item, now)));
        }

        var plural = Definition.Path[^1];
        var where = ns is null ? "all namespaces" : $"namespace {ns}";
        var footer = hidden > 0 ? new[] { RichText.Plain($"{hidden:N0} in namespaces you can't see here were left out") } : [];
        if (items.Count == 0)
        {
            var none = $"No {kind.Kind}s in {where}.";
            return new ChatReply(new ChatMessage(none) { Blocks = [new SectionBlock(none), K8sReplies.Context(context, footer)] });
        }

        items.Sort((a, b) =>
        {
            var order = (a.Problem is null).CompareTo(b.Problem is null);
            order = order != 0 ? order : string.CompareOrdinal(a.Item.Metadata?.NamespaceProperty, b.Item.Metadata?.NamespaceProperty);
            return order != 0 ? order : string.CompareOrdinal(a.Item.Metadata?.Name, b.Item.Metadata?.Name);
        });
        var rows = items.Select(entry =>
        {
            IReadOnlyList<string> row = [entry.Item.Metadata?.Name ?? "?", .. kind.Cells(entry.Item, now)];
            return ns is null ? (IReadOnlyList<string>)[entry.Item.Metadata?.NamespaceProperty ?? "?", .. row] : row;
        }).ToList();
        List<TableColumn> columns = ["NAME", .. kind.Columns];
        if (ns is null)
        {
            columns.Insert(0, "NAMESPACE");
        }

        var problems = items.Where(entry => entry.Problem is not null).ToList();
        var summary = $"{K8sReplies.Plural(items.Count, kind.Kind)} in {where}" + (problems.Count > 0 ? $", {problems.Count} need{(problems.Count == 1 ? "s" : string.Empty)} attention" : string.Empty);
        var blocks = new List<MessageBlock> { new SectionBlock(summary) };
        if (problems.Count > 0)
        {
            blocks.Add(new SectionBlock(RichText.Bold("Needs attention") + "\n" + string.Join('\n', problems.Take(context.Options.MaxRows).Select(entry =>
                $"• {(ns is null ? entry.Item.Metadata?.NamespaceProperty + "/" : string.Empty)}{entry.Item.Metadata?.Name}: {entry.Problem}"))));
        }

        blocks.AddRange(K8sReplies.Table(columns, rows, context.Options.MaxRows, plural));
        blocks.Add(K8sReplies.Context(context, footer));
        return new ChatReply(new ChatMessage(summary) { Header = $"{kind.Kind}s in {where}", Blocks = blocks });
    }
}
