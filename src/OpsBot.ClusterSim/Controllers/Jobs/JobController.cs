using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Controllers.ReplicaSets;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Jobs;

/// <summary>
/// The <c>job-controller</c> (pkg/controller/job, NonIndexed completion): runs up to <c>parallelism</c> pods until
/// <c>completions</c> succeed. Failed pods are replaced after the back-off (10 s doubling to 6 min); past
/// <c>backoffLimit</c> failures (pod failures, or container restarts with <c>restartPolicy: OnFailure</c>) or
/// <c>activeDeadlineSeconds</c> the job fails: <c>FailureTarget</c>, its running pods deleted, then <c>Failed</c> with
/// reason BackoffLimitExceeded "Job has reached the specified backoff limit" or DeadlineExceeded "Job was active longer
/// than specified deadline" (and an event of that reason). Success: <c>SuccessCriteriaMet</c> then <c>Complete</c>
/// (CompletionsReached, "Reached expected number of succeeded pods"), completionTime, event Completed "Job completed".
/// Finished jobs with <c>ttlSecondsAfterFinished</c> are deleted when it passes.
/// </summary>
public sealed class JobController : ISimulationController
{
    public const string Component = "job-controller";
    public const string ControllerUidLabel = "batch.kubernetes.io/controller-uid";
    public const string JobNameLabel = "batch.kubernetes.io/job-name";

    private static readonly TimeSpan DefaultBackOff = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(6);

    public string Name => Component;

    public void Reconcile(SimulationContext context)
    {
        var jobs = context.Store.List(SimResources.Jobs).Items;
        if (jobs.Count == 0)
        {
            return;
        }

        var podsByOwner = context.Store.List(SimResources.Pods).Items
            .Where(p => Owners.ControllerUid(p) is not null)
            .ToLookup(p => Owners.ControllerUid(p)!, StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            var owned = podsByOwner[ObjectMeta.Uid(job) ?? ""].Where(p => ObjectMeta.Namespace(p) == ObjectMeta.Namespace(job)).ToList();
            StoreRaces.Tolerate(() => Sync(context, job, owned));
        }
    }

    public static bool IsFinished(JsonObject job) => FinishedType(job) is not null;

    /// <summary><c>Complete</c> or <c>Failed</c> when the job has finished, else null.</summary>
    public static string? FinishedType(JsonObject job) =>
        Conditions.StatusOf(job["status"], "Complete") == "True" ? "Complete"
        : Conditions.StatusOf(job["status"], "Failed") == "True" ? "Failed"
        : null;

    private static void Sync(SimulationContext context, JsonObject job, List<JsonObject> pods)
    {
        if (IsFinished(job))
        {
            ExpireIfDue(context, job);
            return;
        }

        if (Owners.IsTerminating(job))
        {
            return;
        }

        job = EnsureSelector(context, job);
        var spec = job["spec"];
        var status = job["status"]?.DeepClone() as JsonObject ?? [];
        var suspended = JsonFields.Bool(spec, "suspend");
        if (status["startTime"] is null && !suspended)
        {
            status["startTime"] = KubernetesTime.Format(context.Now);
        }

        var active = pods.Where(p => PodFacts.IsActive(p)).ToList();
        var terminating = pods.Count(p => Owners.IsTerminating(p) && PodFacts.Phase(p) is not ("Succeeded" or "Failed"));
        var succeeded = pods.Count(p => PodFacts.Phase(p) == "Succeeded");
        var failedPods = pods.Where(p => PodFacts.Phase(p) == "Failed").ToList();
        var restartPolicy = JsonFields.Str(spec?["template"]?["spec"], "restartPolicy") ?? "Never";
        var failures = failedPods.Count + (restartPolicy == "OnFailure" ? active.Sum(Restarts) : 0);
        var completions = JsonFields.Long(spec, "completions");
        var parallelism = JsonFields.Int(spec, "parallelism", 1);
        var backoffLimit = JsonFields.Int(spec, "backoffLimit", 6);

        (string Reason, string Message) failure = Conditions.Find(status, "FailureTarget") is { } target
            ? (JsonFields.Str(target, "reason") ?? "", JsonFields.Str(target, "message") ?? "")
            : DeadlineExceeded(spec, status, context.Now)
                ? ("DeadlineExceeded", "Job was active longer than specified deadline")
                : failures > backoffLimit ? ("BackoffLimitExceeded", "Job has reached the specified backoff limit") : ("", "");
        if (failure.Reason is { Length: > 0 })
        {
            SetCondition(status, "FailureTarget", failure.Reason, failure.Message, context.Now);
            foreach (var pod in active)
            {
                context.Store.Delete(SimResources.Pods, ObjectMeta.Namespace(pod), ObjectMeta.Name(pod));
                context.Events.Record(job, "Normal", "SuccessfulDelete", $"Deleted pod: {ObjectMeta.Name(pod)}", Component);
            }

            if (active.Count == 0 && terminating == 0)
            {
                SetCondition(status, "Failed", failure.Reason, failure.Message, context.Now);
                context.Events.Record(job, "Warning", failure.Reason, failure.Message, Component);
            }

            active = [];
        }
        else if (succeeded > 0 && (completions is { } c ? succeeded >= c : active.Count == 0))
        {
            SetCondition(status, "SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", context.Now);
            SetCondition(status, "Complete", "CompletionsReached", "Reached expected number of succeeded pods", context.Now);
            status["completionTime"] = KubernetesTime.Format(context.Now);
            context.Events.Record(job, "Normal", "Completed", "Job completed", Component);
        }
        else if (!suspended)
        {
            var wanted = completions is { } total ? (int)Math.Min(parallelism, Math.Max(0, total - succeeded)) : (succeeded > 0 ? 0 : parallelism);
            if (active.Count < wanted && !InBackOff(failedPods, context.Now))
            {
                for (var i = active.Count; i < wanted; i++)
                {
                    active.Add(CreatePod(context, job));
                }
            }
            else if (active.Count > wanted)
            {
                foreach (var extra in active.OrderByDescending(Owners.Created).Take(active.Count - wanted).ToList())
                {
                    context.Store.Delete(SimResources.Pods, ObjectMeta.Namespace(extra), ObjectMeta.Name(extra));
                    context.Events.Record(job, "Normal", "SuccessfulDelete", $"Deleted pod: {ObjectMeta.Name(extra)}", Component);
                    active.Remove(extra);
                }
            }
        }

        JsonFields.SetCount(status, "active", active.Count);
        JsonFields.SetCount(status, "succeeded", succeeded);
        JsonFields.SetCount(status, "failed", failedPods.Count);
        status["ready"] = active.Count(PodFacts.IsReady);
        status["terminating"] = terminating;
        status["uncountedTerminatedPods"] = new JsonObject();
        if (!JsonNode.DeepEquals(status, job["status"]))
        {
            context.Store.Modify(SimResources.Jobs, ObjectMeta.Namespace(job), ObjectMeta.Name(job), (JsonObject j) => j["status"] = status);
        }
    }

    /// <summary>The API server's defaults for a Job created without them: a selector on its uid, and those labels on the template.</summary>
    private static JsonObject EnsureSelector(SimulationContext context, JsonObject job)
    {
        if (job["spec"]?["selector"] is not null)
        {
            return job;
        }

        var uid = ObjectMeta.Uid(job) ?? "";
        var name = ObjectMeta.Name(job);
        return context.Store.Modify(SimResources.Jobs, ObjectMeta.Namespace(job), name, (JsonObject j) =>
        {
            var spec = JsonFields.Child(j, "spec");
            spec["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { [ControllerUidLabel] = uid } };
            var labels = JsonFields.Child(JsonFields.Child(JsonFields.Child(spec, "template"), "metadata"), "labels");
            labels[ControllerUidLabel] = uid;
            labels[JobNameLabel] = name;
            labels["controller-uid"] = uid;
            labels["job-name"] = name;
        });
    }

    private static JsonObject CreatePod(SimulationContext context, JsonObject job)
    {
        var pod = PodFactory.FromTemplate(context, job, "batch/v1", "Job", job["spec"]?["template"]);
        var labels = JsonFields.Child(ObjectMeta.Metadata(pod), "labels");
        labels[ControllerUidLabel] = ObjectMeta.Uid(job);
        labels[JobNameLabel] = ObjectMeta.Name(job);
        labels["controller-uid"] = ObjectMeta.Uid(job);
        labels["job-name"] = ObjectMeta.Name(job);
        var created = context.Store.Create(SimResources.Pods, pod);
        context.Events.Record(job, "Normal", "SuccessfulCreate", $"Created pod: {ObjectMeta.Name(created)}", Component);
        return created;
    }

    private static bool DeadlineExceeded(JsonNode? spec, JsonObject status, DateTimeOffset now) =>
        JsonFields.Long(spec, "activeDeadlineSeconds") is { } deadline
        && JsonFields.Time(status, "startTime") is { } start
        && now - start >= TimeSpan.FromSeconds(deadline);

    /// <summary>The pod failure back-off: 10 s × 2^(consecutive failures − 1), at most 6 min, since the last failure.</summary>
    private static bool InBackOff(List<JsonObject> failed, DateTimeOffset now)
    {
        if (failed.Count == 0)
        {
            return false;
        }

        var lastFailure = failed.Select(FinishedAt).Max();
        var delay = TimeSpan.FromTicks(Math.Min(MaxBackOff.Ticks, DefaultBackOff.Ticks * (1L << Math.Min(failed.Count - 1, 16))));
        return now < lastFailure + delay;
    }

    private static DateTimeOffset FinishedAt(JsonObject pod) =>
        (pod["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => JsonFields.Time(c["state"]?["terminated"], "finishedAt")).Where(t => t is not null).Max()
        ?? JsonFields.Time(Conditions.Find(pod["status"], "Ready"), "lastTransitionTime")
        ?? Owners.Created(pod);

    private static int Restarts(JsonObject pod) =>
        (pod["status"]?["containerStatuses"] as JsonArray ?? []).Sum(c => (int)(JsonFields.Long(c, "restartCount") ?? 0));

    private static void SetCondition(JsonObject status, string type, string reason, string message, DateTimeOffset now)
    {
        if (Conditions.StatusOf(status, type) == "True")
        {
            return;
        }

        var time = KubernetesTime.Format(now);
        Conditions.Replace(status, type, new JsonObject
        {
            ["type"] = type,
            ["status"] = "True",
            ["lastProbeTime"] = time,
            ["lastTransitionTime"] = time,
            ["reason"] = reason,
            ["message"] = message,
        });
    }

    /// <summary>The TTL-after-finished controller: a finished job goes <c>ttlSecondsAfterFinished</c> after it finished.</summary>
    private static void ExpireIfDue(SimulationContext context, JsonObject job)
    {
        if (JsonFields.Long(job["spec"], "ttlSecondsAfterFinished") is not { } ttl)
        {
            return;
        }

        var type = FinishedType(job)!;
        var finished = JsonFields.Time(Conditions.Find(job["status"], type), "lastTransitionTime") ?? context.Now;
        if (context.Now >= finished + TimeSpan.FromSeconds(ttl))
        {
            context.Store.Delete(SimResources.Jobs, ObjectMeta.Namespace(job), ObjectMeta.Name(job));
        }
    }
}
