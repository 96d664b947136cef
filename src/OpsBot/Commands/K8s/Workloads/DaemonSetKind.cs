using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;
using k8s;
using k8s.Models;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary>DaemonSets as <c>kubectl get ds</c> shows them; pods not ready or unavailable, or misscheduled, need attention.</summary>
public sealed class DaemonSetKind : WorkloadKind<V1DaemonSet>
{
    public static DaemonSetKind Instance { get; } = new();

    public override string Kind => "DaemonSet";

    public override string Noun => "daemonset";

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("DESIRED", ColumnAlignment.Right), new("CURRENT", ColumnAlignment.Right), new("READY", ColumnAlignment.Right),
        new("UP-TO-DATE", ColumnAlignment.Right), new("AVAILABLE", ColumnAlignment.Right), "NODE SELECTOR", new("AGE", ColumnAlignment.Right),
    ];

    public override PagedList<V1DaemonSet> List(IKubernetes client, string? namespaceParameter) => client.DaemonSets(namespaceParameter);

    public override Task<V1DaemonSet> ReadAsync(IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.AppsV1.ReadNamespacedDaemonSetAsync(name, namespaceParameter, cancellationToken: cancellationToken);

    public override IReadOnlyList<string> Cells(V1DaemonSet item, DateTimeOffset now)
    {
        var status = item.Status;
        return
        [
            K8sReplies.N(status?.DesiredNumberScheduled ?? 0),
            K8sReplies.N(status?.CurrentNumberScheduled ?? 0),
            K8sReplies.N(status?.NumberReady ?? 0),
            K8sReplies.N(status?.UpdatedNumberScheduled ?? 0),
            K8sReplies.N(status?.NumberAvailable ?? 0),
            NodeSelector(item),
            Ages.Since(item.Metadata?.CreationTimestamp, now),
        ];
    }

    public override string? Problem(V1DaemonSet item, DateTimeOffset now)
    {
        var status = item.Status;
        var desired = status?.DesiredNumberScheduled ?? 0;
        var problems = new List<string>();
        if ((status?.NumberReady ?? 0) < desired)
        {
            problems.Add($"{status?.NumberReady ?? 0} of {desired} pods ready");
        }

        if ((status?.NumberUnavailable ?? 0) > 0)
        {
            problems.Add($"{status!.NumberUnavailable} unavailable");
        }

        if ((status?.NumberMisscheduled ?? 0) > 0)
        {
            problems.Add($"{status!.NumberMisscheduled} running on nodes they should not run on");
        }

        if ((status?.UpdatedNumberScheduled ?? 0) < desired && problems.Count == 0)
        {
            problems.Add($"rolling update: {status?.UpdatedNumberScheduled ?? 0} of {desired} pods updated");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    public override IReadOnlyList<MessageField> Fields(V1DaemonSet item, DateTimeOffset now)
    {
        var status = item.Status;
        return
        [
            new("Pods", $"{status?.DesiredNumberScheduled ?? 0} desired · {status?.CurrentNumberScheduled ?? 0} scheduled · {status?.NumberReady ?? 0} ready · {status?.UpdatedNumberScheduled ?? 0} updated · {status?.NumberAvailable ?? 0} available · {status?.NumberMisscheduled ?? 0} misscheduled"),
            new("Update strategy", item.Spec?.UpdateStrategy?.Type ?? "RollingUpdate"),
            new("Node selector", NodeSelector(item)),
            new("Tolerations", item.Spec?.Template?.Spec?.Tolerations is { Count: > 0 } tolerations
                ? string.Join(", ", tolerations.Select(t => $"{t.Key ?? "*"}{(t.Value is null ? string.Empty : "=" + t.Value)}:{t.Effect ?? "*"}"))
                : "-"),
            new("Images", WorkloadText.Images(item.Spec?.Template)),
            new("Selector", K8sReplies.Labels(item.Spec?.Selector?.MatchLabels)),
            new("Age", Ages.Since(item.Metadata?.CreationTimestamp, now)),
        ];
    }

    public override IEnumerable<(string Type, string Status, string? Reason, string? Message)> Conditions(V1DaemonSet item) =>
        (item.Status?.Conditions ?? []).Select(c => (c.Type ?? "?", c.Status ?? "?", (string?)c.Reason, (string?)c.Message));

    public override string Summary(V1DaemonSet item, DateTimeOffset now) =>
        $"daemonset {item.Metadata?.Name}: {item.Status?.NumberReady ?? 0}/{item.Status?.DesiredNumberScheduled ?? 0} ready" + (Problem(item, now) is { } problem ? " — " + problem : string.Empty);

    private static string NodeSelector(V1DaemonSet item) =>
        item.Spec?.Template?.Spec?.NodeSelector is { Count: > 0 } selector ? string.Join(",", selector.Select(pair => $"{pair.Key}={pair.Value}")) : "<none>";
}
