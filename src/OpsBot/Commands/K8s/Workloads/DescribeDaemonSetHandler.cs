using k8s.Models;
using OpsBot.Authorization;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary><c>/k8s describe ds NAME</c>: a DaemonSet: pods per node state, update strategy, node selector, tolerations, events.</summary>
public sealed class DescribeDaemonSetHandler() : WorkloadDescribeHandler<V1DaemonSet>(DaemonSetKind.Instance, new(["k8s", "describe", "ds"], "Show a DaemonSet: pods per node state, update strategy, node selector, tolerations, events.", Permission.Read)
{
    Aliases = ["daemonset", "daemonsets"],
    Arguments = [new("NAME", ValueKind.ObjectName, "The DaemonSet.") { Required = true, ObjectKind = "daemonset" }],
    Examples = ["/k8s describe ds node-exporter -n monitoring", "/k8s describe ds/node-exporter"],
});
