using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;
using k8s;
using k8s.Models;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary>PersistentVolumeClaims as <c>kubectl get pvc</c> shows them; Pending and Lost claims (and resizes waiting) need attention.</summary>
public sealed class PersistentVolumeClaimKind : WorkloadKind<V1PersistentVolumeClaim>
{
    public static PersistentVolumeClaimKind Instance { get; } = new();

    public override string Kind => "PersistentVolumeClaim";

    public override string Noun => "pvc";

    public override IReadOnlyList<TableColumn> Columns { get; } = ["STATUS", "VOLUME", new("CAPACITY", ColumnAlignment.Right), "ACCESS MODES", "STORAGECLASS", new("AGE", ColumnAlignment.Right)];

    public override PagedList<V1PersistentVolumeClaim> List(IKubernetes client, string? namespaceParameter) => client.PersistentVolumeClaims(namespaceParameter);

    public override Task<V1PersistentVolumeClaim> ReadAsync(IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(name, namespaceParameter, cancellationToken: cancellationToken);

    public override IReadOnlyList<string> Cells(V1PersistentVolumeClaim item, DateTimeOffset now) =>
    [
        Phase(item),
        string.IsNullOrEmpty(item.Spec?.VolumeName) ? string.Empty : item.Spec.VolumeName,
        WorkloadText.Storage(item.Status?.Capacity) ?? string.Empty,
        WorkloadText.AccessModes(item.Status?.AccessModes ?? item.Spec?.AccessModes),
        item.Spec?.StorageClassName ?? "<unset>",
        Ages.Since(item.Metadata?.CreationTimestamp, now),
    ];

    public override string? Problem(V1PersistentVolumeClaim item, DateTimeOffset now) => Phase(item) switch
    {
        "Pending" => "Pending: not bound to a volume yet" + (item.Spec?.StorageClassName is { } storageClass ? $" (storage class {storageClass})" : string.Empty),
        "Lost" => $"Lost: its volume {item.Spec?.VolumeName} no longer exists",
        _ => item.Status?.Conditions?.FirstOrDefault(c => c.Status == "True" && c.Type is "Resizing" or "FileSystemResizePending" or "ControllerResizeError" or "NodeResizeError") is { } resize
            ? $"{resize.Type}{(string.IsNullOrEmpty(resize.Message) ? string.Empty : ": " + resize.Message)}"
            : null,
    };

    public override IReadOnlyList<MessageField> Fields(V1PersistentVolumeClaim item, DateTimeOffset now) =>
    [
        new("Status", Phase(item)),
        new("Volume", string.IsNullOrEmpty(item.Spec?.VolumeName) ? "-" : item.Spec.VolumeName),
        new("Requested", WorkloadText.Storage(item.Spec?.Resources?.Requests) ?? "-"),
        new("Capacity", WorkloadText.Storage(item.Status?.Capacity) ?? "-"),
        new("Access modes", WorkloadText.AccessModes(item.Status?.AccessModes ?? item.Spec?.AccessModes)),
        new("Storage class", item.Spec?.StorageClassName ?? "<unset>"),
        new("Volume mode", item.Spec?.VolumeMode ?? "Filesystem"),
        new("Age", Ages.Since(item.Metadata?.CreationTimestamp, now)),
    ];

    public override IEnumerable<(string Type, string Status, string? Reason, string? Message)> Conditions(V1PersistentVolumeClaim item) =>
        (item.Status?.Conditions ?? []).Select(c => (c.Type ?? "?", c.Status ?? "?", (string?)c.Reason, (string?)c.Message));

    public override string Summary(V1PersistentVolumeClaim item, DateTimeOffset now) =>
        $"pvc {item.Metadata?.Name}: {Phase(item)}" + (Problem(item, now) is { } problem ? " — " + problem : string.Empty);

    private static string Phase(V1PersistentVolumeClaim item) =>
        item.Metadata?.DeletionTimestamp is not null ? "Terminating" : item.Status?.Phase ?? "Pending";
}
