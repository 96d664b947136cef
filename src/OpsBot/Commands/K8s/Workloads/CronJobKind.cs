using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;
using k8s;
using k8s.Models;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary>CronJobs as <c>kubectl get cronjobs</c> shows them; one whose last scheduled run has not succeeded (and none is running) needs attention.</summary>
public sealed class CronJobKind : WorkloadKind<V1CronJob>
{
    public static CronJobKind Instance { get; } = new();

    public override string Kind => "CronJob";

    public override string Noun => "cronjob";

    public override IReadOnlyList<TableColumn> Columns { get; } =
        ["SCHEDULE", "TIMEZONE", "SUSPEND", new("ACTIVE", ColumnAlignment.Right), new("LAST SCHEDULE", ColumnAlignment.Right), new("LAST SUCCESS", ColumnAlignment.Right), new("AGE", ColumnAlignment.Right)];

    public override PagedList<V1CronJob> List(IKubernetes client, string? namespaceParameter) => client.CronJobs(namespaceParameter);

    public override Task<V1CronJob> ReadAsync(IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.BatchV1.ReadNamespacedCronJobAsync(name, namespaceParameter, cancellationToken: cancellationToken);

    public override IReadOnlyList<string> Cells(V1CronJob item, DateTimeOffset now) =>
    [
        item.Spec?.Schedule ?? "?",
        item.Spec?.TimeZone ?? "<none>",
        item.Spec?.Suspend == true ? "True" : "False",
        K8sReplies.N(item.Status?.Active?.Count ?? 0),
        Ago(item.Status?.LastScheduleTime, now),
        Ago(item.Status?.LastSuccessfulTime, now),
        Ages.Since(item.Metadata?.CreationTimestamp, now),
    ];

    public override string? Problem(V1CronJob item, DateTimeOffset now)
    {
        var status = item.Status;
        if (status?.LastScheduleTime is not { } scheduled || (status.Active?.Count ?? 0) > 0)
        {
            return null;
        }

        return status.LastSuccessfulTime is { } success && success >= scheduled
            ? null
            : $"the run scheduled {Ages.Since(scheduled, now)} ago has not succeeded" + (status.LastSuccessfulTime is { } last ? $" (last success {Ages.Since(last, now)} ago)" : " (no success recorded)");
    }

    public override IReadOnlyList<MessageField> Fields(V1CronJob item, DateTimeOffset now) =>
    [
        new("Schedule", $"{item.Spec?.Schedule}{(item.Spec?.TimeZone is { } zone ? " (" + zone + ")" : string.Empty)}"),
        new("Suspended", item.Spec?.Suspend == true ? "yes" : "no"),
        new("Concurrency", item.Spec?.ConcurrencyPolicy ?? "Allow"),
        new("Active jobs", item.Status?.Active is { Count: > 0 } active ? string.Join(", ", active.Select(a => a.Name)) : "none"),
        new("Last schedule", Ago(item.Status?.LastScheduleTime, now)),
        new("Last success", Ago(item.Status?.LastSuccessfulTime, now)),
        new("History kept", $"{item.Spec?.SuccessfulJobsHistoryLimit ?? 3} successful, {item.Spec?.FailedJobsHistoryLimit ?? 1} failed"),
        new("Images", WorkloadText.Images(item.Spec?.JobTemplate?.Spec?.Template)),
        new("Age", Ages.Since(item.Metadata?.CreationTimestamp, now)),
    ];

    public override string Summary(V1CronJob item, DateTimeOffset now) =>
        $"cronjob {item.Metadata?.Name}: {item.Spec?.Schedule}, last schedule {Ago(item.Status?.LastScheduleTime, now)}" + (Problem(item, now) is { } problem ? " — " + problem : string.Empty);

    private static string Ago(DateTime? time, DateTimeOffset now) => time is { } t ? Ages.Since(t, now) + " ago" : "<none>";
}
