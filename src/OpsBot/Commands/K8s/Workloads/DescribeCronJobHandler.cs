using k8s.Models;
using OpsBot.Authorization;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary><c>/k8s describe cronjob NAME</c>: a CronJob: schedule, concurrency, active jobs, last schedule and success, events.</summary>
public sealed class DescribeCronJobHandler() : WorkloadDescribeHandler<V1CronJob>(CronJobKind.Instance, new(["k8s", "describe", "cronjob"], "Show a CronJob: schedule, concurrency, active jobs, last schedule and success, events.", Permission.Read)
{
    Aliases = ["cronjobs", "cj"],
    Arguments = [new("NAME", ValueKind.ObjectName, "The CronJob.") { Required = true, ObjectKind = "cronjob" }],
    Examples = ["/k8s describe cronjob nightly-report -n ecommerce-production", "/k8s describe cronjob/nightly-report"],
});
