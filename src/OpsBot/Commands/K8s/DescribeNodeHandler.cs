using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;
using k8s;
using k8s.Models;

namespace OpsBot.Commands.K8s;

/// <summary><c>/k8s describe node NAME</c>: conditions, taints, allocatable vs requested, its pods, events.</summary>
public sealed class DescribeNodeHandler : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["k8s", "describe", "node"], "Show a node: conditions, taints, allocatable vs requested, its pods, events.", Permission.Read)
    {
        Aliases = ["nodes", "no"],
        Scope = CommandScope.Cluster,
        Arguments = [new("NAME", ValueKind.ObjectName, "The node.") { Required = true, ObjectKind = "node" }],
        Examples = ["/k8s describe node ip-10-0-1-5.eu-west-1.compute.internal", "/k8s describe node/node-a"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Command.GetString("NAME")!;
        var node = await KubernetesReads.ReadAsync(token => context.Client.CoreV1.ReadNodeAsync(name, cancellationToken: token), "node", name, null, cancellationToken).ConfigureAwait(false);
        var pods = await context.Reads.PodsOnNodeAsync(name, cancellationToken).ConfigureAwait(false);
        var events = await ObjectEvents.ListAsync(context.Reads, null, "Node", name, null, cancellationToken).ConfigureAwait(false);
        var now = context.Time.GetUtcNow();
        var summary = NodeSummary.Of(node, pods);

        var blocks = new List<MessageBlock>();
        if (summary.IsProblem)
        {
            blocks.Add(new SectionBlock(RichText.Bold("Problems") + "\n" + string.Join('\n', summary.Problems.Select(problem => "• " + problem))));
        }

        blocks.Add(new FieldsBlock(
        [
            new("Status", RichText.Bold(summary.Status)),
            new("Taints", summary.Taints.Count == 0 ? "none" : string.Join('\n', summary.Taints)),
            new("Pods", $"{summary.Pods} running here"),
            new("Age", Ages.Since(summary.Created, now)),
            new("Kubelet", summary.Version ?? "-"),
        ]));
        var conditions = (node.Status?.Conditions ?? []).Select(c => (IReadOnlyList<string>)[c.Type ?? "?", c.Status ?? "?", c.Reason ?? string.Empty, c.Message ?? string.Empty]).ToList();
        if (conditions.Count > 0)
        {
            blocks.Add(new TableBlock(["CONDITION", "STATUS", "REASON", "MESSAGE"], conditions) { Caption = "Conditions" });
        }

        blocks.Add(new TableBlock(
            ["RESOURCE", new("ALLOCATABLE", ColumnAlignment.Right), new("REQUESTS", ColumnAlignment.Right), new("%", ColumnAlignment.Right), new("LIMITS", ColumnAlignment.Right), new("%", ColumnAlignment.Right)],
            [
                ["cpu", Fmt(Quantities.Cpu, summary.AllocatableCpu), Quantities.FormatCpu(summary.RequestedCpu), summary.CpuRequested, Quantities.FormatCpu(summary.LimitCpu), Quantities.Percent(summary.LimitCpu, summary.AllocatableCpu)],
                ["memory", Fmt(Quantities.Memory, summary.AllocatableMemory), Quantities.FormatMemory(summary.RequestedMemory), summary.MemoryRequested, Quantities.FormatMemory(summary.LimitMemory), Quantities.Percent(summary.LimitMemory, summary.AllocatableMemory)],
            ])
        { Caption = "Allocated resources" });

        var visible = pods.Where(NodeSummary.IsActive).Where(pod => context.IsNamespaceVisible(pod.Metadata?.NamespaceProperty ?? string.Empty))
            .Select(PodSummary.Of).OrderBy(pod => pod.Severity).ThenBy(pod => pod.Namespace, StringComparer.Ordinal).ThenBy(pod => pod.Name, StringComparer.Ordinal).ToList();
        var podRows = visible.Select(pod =>
        {
            var spec = pods.First(p => p.Metadata?.Name == pod.Name && p.Metadata?.NamespaceProperty == pod.Namespace);
            return (IReadOnlyList<string>)[pod.Namespace, pod.Name, pod.Status, Quantities.FormatCpu(Quantities.Sum(spec, Quantities.Cpu, false)), Quantities.FormatMemory(Quantities.Sum(spec, Quantities.Memory, false))];
        }).ToList();
        blocks.AddRange(K8sReplies.Table(["NAMESPACE", "POD", "STATUS", new("CPU REQ", ColumnAlignment.Right), new("MEM REQ", ColumnAlignment.Right)], podRows, context.Options.MaxRows, "pods", "Pods"));
        var hidden = pods.Count(NodeSummary.IsActive) - visible.Count;
        blocks.AddRange(ObjectEvents.Blocks(events, now));
        blocks.Add(hidden > 0 ? K8sReplies.Context(context, $"{hidden} pods in namespaces you can't see here are counted but not listed") : K8sReplies.Context(context));
        var text = $"node {name}: {summary.Status}, cpu requested {summary.CpuRequested}, memory requested {summary.MemoryRequested}, {summary.Pods} pods";
        return new ChatReply(new ChatMessage(text) { Header = $"Node {name}", Blocks = blocks });
    }

    private static string Fmt(string resource, decimal? value) => value is { } v ? Quantities.Format(resource, v) : "-";
}
