using k8s.Models;
using OpsBot.Authorization;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary><c>/k8s describe job NAME</c>: a Job: status, completions, pods, backoff limit, conditions, events.</summary>
public sealed class DescribeJobHandler() : WorkloadDescribeHandler<V1Job>(JobKind.Instance, new(["k8s", "describe", "job"], "Show a Job: status, completions, pods, backoff limit, conditions, events.", Permission.Read)
{
    Aliases = ["jobs"],
    Arguments = [new("NAME", ValueKind.ObjectName, "The Job.") { Required = true, ObjectKind = "job" }],
    Examples = ["/k8s describe job db-migrate -n ecommerce-production", "/k8s describe job/db-migrate"],
});
