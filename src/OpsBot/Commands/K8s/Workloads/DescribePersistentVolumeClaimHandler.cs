using k8s.Models;
using OpsBot.Authorization;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary><c>/k8s describe pvc NAME</c>: a PersistentVolumeClaim: status, volume, requested vs capacity, access modes, storage class, conditions, events.</summary>
public sealed class DescribePersistentVolumeClaimHandler() : WorkloadDescribeHandler<V1PersistentVolumeClaim>(PersistentVolumeClaimKind.Instance, new(["k8s", "describe", "pvc"], "Show a PersistentVolumeClaim: status, volume, requested vs capacity, access modes, storage class, conditions, events.", Permission.Read)
{
    Aliases = ["persistentvolumeclaim", "persistentvolumeclaims"],
    Arguments = [new("NAME", ValueKind.ObjectName, "The PersistentVolumeClaim.") { Required = true, ObjectKind = "pvc" }],
    Examples = ["/k8s describe pvc data-redis-0 -n ecommerce-production", "/k8s describe pvc/data-redis-0"],
});
