using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;

namespace OpsBot.Commands.K8s;

/// <summary><c>/k8s top nodes</c>: node CPU and memory use vs allocatable, highest first.</summary>
public sealed class TopNodesHandler : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["k8s", "top", "nodes"], "Node CPU and memory use vs allocatable, highest first.", Permission.Read)
    {
        Aliases = ["node", "no"],
        Scope = CommandScope.Cluster,
        Examples = ["/k8s top nodes"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<k8s.Models.NodeMetrics> metrics;
        try
        {
            metrics = await context.Client.ListNodeMetricsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (MetricsUnavailable.IsMetricsFailure(error))
        {
            return MetricsUnavailable.Reply(context, error);
        }

        var nodes = (await context.Reads.NodesAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            .ToDictionary(node => node.Metadata?.Name ?? string.Empty, StringComparer.Ordinal);
        var rows = metrics.Select(sample =>
        {
            nodes.TryGetValue(sample.Metadata?.Name ?? string.Empty, out var node);
            var cpu = Quantities.Get(sample.Usage, Quantities.Cpu) ?? 0m;
            var memory = Quantities.Get(sample.Usage, Quantities.Memory) ?? 0m;
            return (Name: sample.Metadata?.Name ?? "?", Cpu: cpu, Memory: memory,
                CpuAllocatable: Quantities.Get(node?.Status?.Allocatable, Quantities.Cpu), MemoryAllocatable: Quantities.Get(node?.Status?.Allocatable, Quantities.Memory));
        })
        .OrderByDescending(r => Math.Max(Quantities.PercentValue(r.Cpu, r.CpuAllocatable) ?? 0, Quantities.PercentValue(r.Memory, r.MemoryAllocatable) ?? 0))
        .ToList();
        if (rows.Count == 0)
        {
            const string None = "No node metrics yet (metrics-server reports nodes about a minute after it starts).";
            return new ChatReply(new ChatMessage(None) { Blocks = [new SectionBlock(None), K8sReplies.Context(context)] });
        }

        var table = rows.Select(r => (IReadOnlyList<string>)
        [
            r.Name, Quantities.FormatCpu(r.Cpu), Quantities.Percent(r.Cpu, r.CpuAllocatable), Quantities.FormatMemory(r.Memory), Quantities.Percent(r.Memory, r.MemoryAllocatable),
        ]).ToList();
        var missing = nodes.Keys.Except(rows.Select(r => r.Name), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var summary = $"{K8sReplies.Plural(rows.Count, "node")} reporting metrics" + (missing.Count > 0 ? $"; no metrics from {string.Join(", ", missing)}" : string.Empty);
        var blocks = new List<MessageBlock> { new SectionBlock(summary) };
        blocks.AddRange(K8sReplies.Table(["NODE", new("CPU", ColumnAlignment.Right), new("CPU%", ColumnAlignment.Right), new("MEMORY", ColumnAlignment.Right), new("MEMORY%", ColumnAlignment.Right)], table, context.Options.MaxRows, "nodes"));
        blocks.Add(K8sReplies.Context(context, "% of allocatable"));
        return new ChatReply(new ChatMessage(summary) { Header = "Top nodes", Blocks = blocks });
    }
}
