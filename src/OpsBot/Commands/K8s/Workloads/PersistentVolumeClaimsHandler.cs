using k8s.Models;
using OpsBot.Authorization;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary><c>/k8s pvc [NAME]</c>: list PersistentVolumeClaims (status, volume, capacity, access modes, storage class); Pending and Lost first. With NAME, as <c>describe pvc</c>.</summary>
public sealed class PersistentVolumeClaimsHandler() : WorkloadListHandler<V1PersistentVolumeClaim>(PersistentVolumeClaimKind.Instance, new(["k8s", "pvc"], "List PersistentVolumeClaims (status, volume, capacity, access modes, storage class); Pending and Lost first.", Permission.Read)
{
    Aliases = ["pvcs", "persistentvolumeclaim", "persistentvolumeclaims"],
    AllowsAllNamespaces = true,
    Arguments = [new("NAME", ValueKind.ObjectName, "Show this PersistentVolumeClaim in detail.") { ObjectKind = "pvc" }],
    Examples = ["/k8s pvc -n ecommerce-production", "/k8s pvc -A"],
});
