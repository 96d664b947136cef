using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;
using k8s.Models;

namespace OpsBot.Commands.K8s;

/// <summary><c>/k8s nodes</c>: status, problem conditions, taints, requested share of allocatable, pod count; problem nodes first.</summary>
public sealed class NodesHandler : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["k8s", "nodes"], "List nodes: status, conditions, taints, requests vs allocatable, pods.", Permission.Read)
    {
        Aliases = ["node", "no"],
        Scope = CommandScope.Cluster,
        Examples = ["/k8s nodes", "/k8s nodes --cluster prod"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var nodes = await context.Reads.NodesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var podsByNode = new Dictionary<string, List<V1Pod>>(StringComparer.Ordinal);
        foreach (var pod in await context.Reads.PodsAsync(null, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (pod.Spec?.NodeName is { } node)
            {
                if (!podsByNode.TryGetValue(node, out var list))
                {
                    podsByNode[node] = list = [];
                }

                list.Add(pod);
            }
        }

        var now = context.Time.GetUtcNow();
        var summaries = nodes
            .Select(node => NodeSummary.Of(node, podsByNode.TryGetValue(node.Metadata?.Name ?? string.Empty, out var pods) ? pods : []))
            .OrderByDescending(node => node.IsProblem)
            .ThenBy(node => node.Name, StringComparer.Ordinal)
            .ToList();
        if (summaries.Count == 0)
        {
            return new ChatReply(new ChatMessage("No nodes found.") { Blocks = [new SectionBlock("No nodes found."), K8sReplies.Context(context)] });
        }

        var rows = summaries.Select(node => (IReadOnlyList<string>)
        [
            node.Name,
            node.Status,
            node.CpuRequested,
            node.MemoryRequested,
            K8sReplies.N(node.Pods),
            node.Taints.Count == 0 ? "-" : string.Join(", ", node.Taints),
            Ages.Since(node.Created, now),
            node.Version ?? "-",
        ]).ToList();
        var problemNodes = summaries.Where(node => node.IsProblem).ToList();
        var ready = summaries.Count(node => node.Status.StartsWith("Ready", StringComparison.Ordinal));
        var summary = $"{K8sReplies.Plural(summaries.Count, "node")}: {ready} ready" + (summaries.Count > ready ? $", {summaries.Count - ready} not ready" : string.Empty);
        var blocks = new List<MessageBlock> { new SectionBlock(summary) };
        if (problemNodes.Count > 0)
        {
            blocks.Add(new SectionBlock(RichText.Bold("Problems") + "\n" + string.Join('\n', problemNodes.SelectMany(node => node.Problems.Select(problem => $"• {node.Name}: {problem}")))));
        }

        blocks.AddRange(K8sReplies.Table(["NAME", "STATUS", new("CPU REQ", ColumnAlignment.Right), new("MEM REQ", ColumnAlignment.Right), new("PODS", ColumnAlignment.Right), "TAINTS", "AGE", "VERSION"], rows, context.Options.MaxRows, "nodes"));
        blocks.Add(K8sReplies.Context(context, "requests are the sum of pod requests as a share of allocatable"));
        return new ChatReply(new ChatMessage(summary) { Header = "Nodes", Blocks = blocks });
    }
}
