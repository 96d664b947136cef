using k8s.Models;
using OpsBot.Authorization;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary><c>/k8s jobs [NAME]</c>: list Jobs (status, completions, duration); failed ones first. With NAME, as <c>describe job</c>.</summary>
public sealed class JobsHandler() : WorkloadListHandler<V1Job>(JobKind.Instance, new(["k8s", "jobs"], "List Jobs (status, completions, duration); failed ones first.", Permission.Read)
{
    Aliases = ["job"],
    AllowsAllNamespaces = true,
    Arguments = [new("NAME", ValueKind.ObjectName, "Show this Job in detail.") { ObjectKind = "job" }],
    Examples = ["/k8s jobs -n ecommerce-production", "/k8s jobs -A"],
});
