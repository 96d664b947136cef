using k8s.Models;
using OpsBot.Authorization;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary><c>/k8s cronjobs [NAME]</c>: list CronJobs (schedule, suspend, active, last schedule, last success); failing ones first. With NAME, as <c>describe cronjob</c>.</summary>
public sealed class CronJobsHandler() : WorkloadListHandler<V1CronJob>(CronJobKind.Instance, new(["k8s", "cronjobs"], "List CronJobs (schedule, suspend, active, last schedule, last success); failing ones first.", Permission.Read)
{
    Aliases = ["cronjob", "cj"],
    AllowsAllNamespaces = true,
    Arguments = [new("NAME", ValueKind.ObjectName, "Show this CronJob in detail.") { ObjectKind = "cronjob" }],
    Examples = ["/k8s cronjobs -n ecommerce-production", "/k8s cj -A"],
});
