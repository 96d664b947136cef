using k8s.Models;
using OpsBot.Authorization;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary><c>/k8s daemonsets [NAME]</c>: list DaemonSets (desired, current, ready, up-to-date, available); not-ready ones first. With NAME, as <c>describe ds</c>.</summary>
public sealed class DaemonSetsHandler() : WorkloadListHandler<V1DaemonSet>(DaemonSetKind.Instance, new(["k8s", "daemonsets"], "List DaemonSets (desired, current, ready, up-to-date, available); not-ready ones first.", Permission.Read)
{
    Aliases = ["daemonset", "ds"],
    AllowsAllNamespaces = true,
    Arguments = [new("NAME", ValueKind.ObjectName, "Show this DaemonSet in detail.") { ObjectKind = "daemonset" }],
    Examples = ["/k8s daemonsets -n kube-system", "/k8s ds -A"],
});
