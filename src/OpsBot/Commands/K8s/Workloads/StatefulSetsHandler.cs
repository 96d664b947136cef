using k8s.Models;
using OpsBot.Authorization;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary><c>/k8s statefulsets [NAME]</c>: list StatefulSets (ready, up-to-date, images); not-ready ones first. With NAME, as <c>describe sts</c>.</summary>
public sealed class StatefulSetsHandler() : WorkloadListHandler<V1StatefulSet>(StatefulSetKind.Instance, new(["k8s", "statefulsets"], "List StatefulSets (ready, up-to-date, images); not-ready ones first.", Permission.Read)
{
    Aliases = ["statefulset", "sts"],
    AllowsAllNamespaces = true,
    Arguments = [new("NAME", ValueKind.ObjectName, "Show this StatefulSet in detail.") { ObjectKind = "statefulset" }],
    Examples = ["/k8s statefulsets -n ecommerce-production", "/k8s sts -A", "/k8s sts redis"],
});
