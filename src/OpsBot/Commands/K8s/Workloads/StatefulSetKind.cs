using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;
using k8s;
using k8s.Models;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary>StatefulSets as <c>kubectl get sts</c> shows them; not all replicas ready, or a rollout still going, needs attention.</summary>
public sealed class StatefulSetKind : WorkloadKind<V1StatefulSet>
{
    public static StatefulSetKind Instance { get; } = new();

    public override string Kind => "StatefulSet";

    public override string Noun => "statefulset";

    public override IReadOnlyList<TableColumn> Columns { get; } = [new("READY", ColumnAlignment.Right), new("UP-TO-DATE", ColumnAlignment.Right), new("AGE", ColumnAlignment.Right), "IMAGES"];

    public override PagedList<V1StatefulSet> List(IKubernetes client, string? namespaceParameter) => client.StatefulSets(namespaceParameter);

    public override Task<V1StatefulSet> ReadAsync(IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.AppsV1.ReadNamespacedStatefulSetAsync(name, namespaceParameter, cancellationToken: cancellationToken);

    public override IReadOnlyList<string> Cells(V1StatefulSet item, DateTimeOffset now) =>
        [$"{item.Status?.ReadyReplicas ?? 0}/{Desired(item)}", K8sReplies.N(item.Status?.UpdatedReplicas ?? 0), Ages.Since(item.Metadata?.CreationTimestamp, now), WorkloadText.Images(item.Spec?.Template)];

    public override string? Problem(V1StatefulSet item, DateTimeOffset now)
    {
        var desired = Desired(item);
        var status = item.Status;
        if ((item.Metadata?.Generation ?? 0) > (status?.ObservedGeneration ?? 0))
        {
            return "spec update not observed yet by the statefulset controller";
        }

        if ((status?.ReadyReplicas ?? 0) < desired)
        {
            return $"{status?.ReadyReplicas ?? 0} of {desired} replicas ready";
        }

        return status?.UpdateRevision is { Length: > 0 } update && update != status.CurrentRevision && (status.UpdatedReplicas ?? 0) < desired
            ? $"rolling update: {status.UpdatedReplicas ?? 0} of {desired} pods on revision {update}"
            : null;
    }

    public override IReadOnlyList<MessageField> Fields(V1StatefulSet item, DateTimeOffset now)
    {
        var spec = item.Spec;
        var status = item.Status;
        var strategy = spec?.UpdateStrategy?.Type ?? "RollingUpdate";
        if (spec?.UpdateStrategy?.RollingUpdate?.Partition is { } partition and > 0)
        {
            strategy += $" (partition {partition})";
        }

        return
        [
            new("Replicas", $"{Desired(item)} desired · {status?.CurrentReplicas ?? 0} current · {status?.ReadyReplicas ?? 0} ready · {status?.UpdatedReplicas ?? 0} updated · {status?.AvailableReplicas ?? 0} available"),
            new("Revisions", $"current {status?.CurrentRevision ?? "-"}, update {status?.UpdateRevision ?? "-"}"),
            new("Update strategy", strategy),
            new("Pod management", spec?.PodManagementPolicy ?? "OrderedReady"),
            new("Service", spec?.ServiceName ?? "-"),
            new("Images", WorkloadText.Images(spec?.Template)),
            new("Volume claims", spec?.VolumeClaimTemplates is { Count: > 0 } claims
                ? string.Join(", ", claims.Select(c => $"{c.Metadata?.Name} {WorkloadText.Storage(c.Spec?.Resources?.Requests) ?? "?"} {WorkloadText.AccessModes(c.Spec?.AccessModes)}"))
                : "-"),
            new("Selector", K8sReplies.Labels(spec?.Selector?.MatchLabels)),
            new("Age", Ages.Since(item.Metadata?.CreationTimestamp, now)),
        ];
    }

    public override IEnumerable<(string Type, string Status, string? Reason, string? Message)> Conditions(V1StatefulSet item) =>
        (item.Status?.Conditions ?? []).Select(c => (c.Type ?? "?", c.Status ?? "?", (string?)c.Reason, (string?)c.Message));

    public override string Summary(V1StatefulSet item, DateTimeOffset now) =>
        $"statefulset {item.Metadata?.Name}: {item.Status?.ReadyReplicas ?? 0}/{Desired(item)} ready" + (Problem(item, now) is { } problem ? " — " + problem : string.Empty);

    private static int Desired(V1StatefulSet item) => item.Spec?.Replicas ?? 1;
}
