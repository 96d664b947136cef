using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;

namespace OpsBot.Commands.K8s;

/// <summary><c>/k8s hpa [NAME]</c>: HPAs with replicas, metrics vs targets and what limits them; one HPA in detail when named.</summary>
public sealed class HpaHandler : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["k8s", "hpa"], "List HPAs (replicas, metrics vs targets, limits), or show one.", Permission.Read)
    {
        Aliases = ["horizontalpodautoscalers"],
        AllowsAllNamespaces = true,
        Arguments = [new("NAME", ValueKind.ObjectName, "Show this HPA in detail.") { ObjectKind = "hpa" }],
        Examples = ["/k8s hpa -n ecommerce-production", "/k8s hpa frontend", "/k8s hpa -A"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Command.GetString("NAME") is { } name)
        {
            if (context.AllNamespaces)
            {
                throw new CommandFailedException("Name an HPA with -n NAMESPACE, not -A");
            }

            return await DescribeHpaHandler.DescribeAsync(context, name, cancellationToken).ConfigureAwait(false);
        }

        var ns = context.AllNamespaces ? null : context.Namespace;
        var list = await context.Reads.HorizontalPodAutoscalersAsync(ns, cancellationToken).ConfigureAwait(false);
        var hpas = list.Where(hpa => ns is not null || context.IsNamespaceVisible(hpa.Metadata?.NamespaceProperty ?? string.Empty))
            .OrderByDescending(hpa => HpaFormat.Limit(hpa) is not null)
            .ThenBy(hpa => hpa.Metadata?.NamespaceProperty, StringComparer.Ordinal)
            .ThenBy(hpa => hpa.Metadata?.Name, StringComparer.Ordinal)
            .ToList();
        var where = ns is null ? "all namespaces" : $"namespace {ns}";
        if (hpas.Count == 0)
        {
            var none = $"No HPAs in {where}.";
            return new ChatReply(new ChatMessage(none) { Blocks = [new SectionBlock(none), K8sReplies.Context(context)] });
        }

        var now = context.Time.GetUtcNow();
        var rows = hpas.Select(hpa =>
        {
            IReadOnlyList<string> row =
            [
                hpa.Metadata?.Name ?? "?",
                $"{hpa.Spec?.ScaleTargetRef?.Kind}/{hpa.Spec?.ScaleTargetRef?.Name}",
                HpaFormat.Targets(hpa),
                K8sReplies.N(hpa.Spec?.MinReplicas ?? 1),
                K8sReplies.N(hpa.Spec?.MaxReplicas ?? 0),
                $"{hpa.Status?.CurrentReplicas ?? 0}/{hpa.Status?.DesiredReplicas ?? 0}",
                HpaFormat.Limit(hpa) ?? "ok",
                Ages.Since(hpa.Metadata?.CreationTimestamp, now),
            ];
            return ns is null ? (IReadOnlyList<string>)[hpa.Metadata?.NamespaceProperty ?? "?", .. row] : row;
        }).ToList();
        List<TableColumn> columns = ["NAME", "REFERENCE", "TARGETS", new("MIN", ColumnAlignment.Right), new("MAX", ColumnAlignment.Right), new("CURRENT/DESIRED", ColumnAlignment.Right), "LIMITED", "AGE"];
        if (ns is null)
        {
            columns.Insert(0, "NAMESPACE");
        }

        var limited = hpas.Where(hpa => HpaFormat.Limit(hpa) is not null).ToList();
        var summary = $"{K8sReplies.Plural(hpas.Count, "HPA")} in {where}" + (limited.Count > 0 ? $", {limited.Count} limited" : string.Empty);
        var blocks = new List<MessageBlock> { new SectionBlock(summary) };
        if (limited.Count > 0)
        {
            blocks.Add(new SectionBlock(RichText.Bold("Limited") + "\n" + string.Join('\n', limited.Select(hpa => $"• {hpa.Metadata?.Name}: {HpaFormat.Limit(hpa)}"))));
        }

        blocks.AddRange(K8sReplies.Table(columns, rows, context.Options.MaxRows, "HPAs"));
        blocks.Add(K8sReplies.Context(context));
        return new ChatReply(new ChatMessage(summary) { Header = $"HPAs in {where}", Blocks = blocks });
    }
}
