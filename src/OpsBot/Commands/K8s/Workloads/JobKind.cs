using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;
using k8s;
using k8s.Models;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary>Jobs as <c>kubectl get jobs</c> shows them (STATUS, COMPLETIONS, DURATION); failed jobs, or running ones with failed pods, need attention.</summary>
public sealed class JobKind : WorkloadKind<V1Job>
{
    public static JobKind Instance { get; } = new();

    public override string Kind => "Job";

    public override string Noun => "job";

    public override IReadOnlyList<TableColumn> Columns { get; } = ["STATUS", new("COMPLETIONS", ColumnAlignment.Right), new("DURATION", ColumnAlignment.Right), new("AGE", ColumnAlignment.Right)];

    public override PagedList<V1Job> List(IKubernetes client, string? namespaceParameter) => client.Jobs(namespaceParameter);

    public override Task<V1Job> ReadAsync(IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        client.BatchV1.ReadNamespacedJobAsync(name, namespaceParameter, cancellationToken: cancellationToken);

    public override IReadOnlyList<string> Cells(V1Job item, DateTimeOffset now) =>
        [Status(item), Completions(item), Duration(item, now), Ages.Since(item.Metadata?.CreationTimestamp, now)];

    /// <summary><c>Complete</c>, <c>Failed</c>, <c>Suspended</c> or <c>Running</c> (kubectl's STATUS column).</summary>
    public static string Status(V1Job item) =>
        IsTrue(item, "Complete") ? "Complete"
        : IsTrue(item, "Failed") ? "Failed"
        : IsTrue(item, "FailureTarget") ? "FailureTarget"
        : item.Spec?.Suspend == true ? "Suspended"
        : "Running";

    public override string? Problem(V1Job item, DateTimeOffset now)
    {
        if (Condition(item, "Failed") is { Status: "True" } failed)
        {
            return $"failed ({failed.Reason}): {failed.Message}".TrimEnd(' ', ':');
        }

        return Status(item) == "Running" && (item.Status?.Failed ?? 0) > 0
            ? $"{K8sReplies.Plural(item.Status!.Failed!.Value, "pod")} failed so far (backoff limit {item.Spec?.BackoffLimit ?? 6})"
            : null;
    }

    public override IReadOnlyList<MessageField> Fields(V1Job item, DateTimeOffset now)
    {
        var status = item.Status;
        return
        [
            new("Status", Status(item)),
            new("Completions", $"{Completions(item)} · parallelism {item.Spec?.Parallelism ?? 1}"),
            new("Pods", $"{status?.Active ?? 0} active · {status?.Ready ?? 0} ready · {status?.Succeeded ?? 0} succeeded · {status?.Failed ?? 0} failed"),
            new("Backoff limit", K8sReplies.N(item.Spec?.BackoffLimit ?? 6)),
            new("Started", status?.StartTime is { } started ? Ages.Since(started, now) + " ago" : "-"),
            new("Duration", Duration(item, now)),
            new("Owner", item.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true) is { } owner ? $"{owner.Kind}/{owner.Name}" : "-"),
            new("Images", WorkloadText.Images(item.Spec?.Template)),
            new("Age", Ages.Since(item.Metadata?.CreationTimestamp, now)),
        ];
    }

    public override IEnumerable<(string Type, string Status, string? Reason, string? Message)> Conditions(V1Job item) =>
        (item.Status?.Conditions ?? []).Select(c => (c.Type ?? "?", c.Status ?? "?", (string?)c.Reason, (string?)c.Message));

    public override string Summary(V1Job item, DateTimeOffset now) =>
        $"job {item.Metadata?.Name}: {Status(item)}, {Completions(item)} completions" + (Problem(item, now) is { } problem ? " — " + problem : string.Empty);

    // kubectl/pkg/printers/internalversion/printers.go (printJob)
    private static string Completions(V1Job item)
    {
        var succeeded = item.Status?.Succeeded ?? 0;
        return item.Spec?.Completions is { } completions ? $"{succeeded}/{completions}"
            : item.Spec?.Parallelism is { } parallelism and > 1 ? $"{succeeded}/1 of {parallelism}"
            : $"{succeeded}/1";
    }

    private static string Duration(V1Job item, DateTimeOffset now) => item.Status?.StartTime is not { } start ? "-"
        : item.Status.CompletionTime is { } end ? Ages.Format(end - start)
        : Ages.Format(now - start);

    private static V1JobCondition? Condition(V1Job item, string type) => item.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    private static bool IsTrue(V1Job item, string type) => Condition(item, type)?.Status == "True";
}
