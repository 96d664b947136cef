using k8s.Models;
using OpsBot.Authorization;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary><c>/k8s describe sts NAME</c>: a StatefulSet: replicas, revisions, update strategy, volume claims, conditions, events.</summary>
public sealed class DescribeStatefulSetHandler() : WorkloadDescribeHandler<V1StatefulSet>(StatefulSetKind.Instance, new(["k8s", "describe", "sts"], "Show a StatefulSet: replicas, revisions, update strategy, volume claims, conditions, events.", Permission.Read)
{
    Aliases = ["statefulset", "statefulsets"],
    Arguments = [new("NAME", ValueKind.ObjectName, "The StatefulSet.") { Required = true, ObjectKind = "statefulset" }],
    Examples = ["/k8s describe sts redis -n ecommerce-production", "/k8s describe sts/redis"],
});
