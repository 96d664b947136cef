using k8s.Models;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary>Cells the workload kinds share: images of a pod template, access modes as kubectl abbreviates them.</summary>
public static class WorkloadText
{
    /// <summary><c>app=registry/shop/app:1.4, sidecar=envoy:1.29</c>.</summary>
    public static string Images(V1PodTemplateSpec? template) =>
        template?.Spec?.Containers is { Count: > 0 } containers ? string.Join(", ", containers.Select(c => c.Image ?? "?")) : "-";

    /// <summary><c>RWO,RWX</c>, as <c>kubectl get pvc</c> prints them.</summary>
    public static string AccessModes(IEnumerable<string>? modes) =>
        modes is null ? "-" : string.Join(',', modes.Select(mode => mode switch
        {
            "ReadWriteOnce" => "RWO",
            "ReadOnlyMany" => "ROX",
            "ReadWriteMany" => "RWX",
            "ReadWriteOncePod" => "RWOP",
            _ => mode,
        })) is { Length: > 0 } text ? text : "-";

    /// <summary>The <c>storage</c> quantity of a requests or capacity map (<c>10Gi</c>), or null.</summary>
    public static string? Storage(IDictionary<string, ResourceQuantity>? map) =>
        map is not null && map.TryGetValue("storage", out var storage) ? storage.ToString() : null;
}
