using OpsBot.ClusterSim.Serialization;
using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Jobs;

/// <summary>
/// The <c>cronjob-controller</c> (v2): at each time of its schedule (in <c>timeZone</c>, on the virtual clock) a CronJob
/// creates the Job <c>&lt;name&gt;-&lt;minutes since the epoch&gt;</c> from its jobTemplate — unless suspended, past
/// <c>startingDeadlineSeconds</c> (<c>MissSchedule</c> "Missed scheduled time to start a job: …"), or Forbid with a job
/// still running (<c>JobAlreadyActive</c>); Replace deletes the running job first. After more than 100 missed times
/// without a deadline: <c>TooManyMissedTimes</c> "too many missed start times: N. Set or decrease
/// .spec.startingDeadlineSeconds or check clock skew". Status: active, lastScheduleTime, lastSuccessfulTime; finished
/// jobs beyond the history limits (3 successful, 1 failed) are deleted. Events <c>SuccessfulCreate</c> "Created job x",
/// <c>SawCompletedJob</c> "Saw completed job: x, condition: Complete", <c>SuccessfulDelete</c> "Deleted job x".
/// </summary>
public sealed class CronJobController : ISimulationController
{
    public const string Component = "cronjob-controller";
    public const string ScheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    private readonly Dictionary<string, DateTimeOffset> _reported = new(StringComparer.Ordinal);

    public string Name => Component;

    public void Reconcile(SimulationContext context)
    {
        var cronJobs = context.Store.List(SimResources.CronJobs).Items;
        if (cronJobs.Count == 0)
        {
            return;
        }

        var jobsByOwner = context.Store.List(SimResources.Jobs).Items
            .Where(j => Owners.ControllerUid(j) is not null)
            .ToLookup(j => Owners.ControllerUid(j)!, StringComparer.Ordinal);
        foreach (var cronJob in cronJobs)
        {
            var owned = jobsByOwner[ObjectMeta.Uid(cronJob) ?? ""].Where(j => ObjectMeta.Namespace(j) == ObjectMeta.Namespace(cronJob)).ToList();
            StoreRaces.Tolerate(() => Sync(context, cronJob, owned));
        }
    }

    private void Sync(SimulationContext context, JsonObject cronJob, List<JsonObject> jobs)
    {
        var status = cronJob["status"]?.DeepClone() as JsonObject ?? [];
        var active = JsonFields.Array(status, "active");
        var jobUids = jobs.Select(j => ObjectMeta.Uid(j)).ToHashSet(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            var reference = active.OfType<JsonObject>().FirstOrDefault(r => JsonFields.Str(r, "uid") == ObjectMeta.Uid(job));
            var finished = JobController.FinishedType(job);
            if (reference is not null && finished is not null)
            {
                active.Remove(reference);
                context.Events.Record(cronJob, "Normal", "SawCompletedJob", $"Saw completed job: {ObjectMeta.Name(job)}, condition: {finished}", Component);
            }

            if (finished == "Complete" && JsonFields.Time(job["status"], "completionTime") is { } completed
                && (JsonFields.Time(status, "lastSuccessfulTime") is not { } last || completed > last))
            {
                status["lastSuccessfulTime"] = KubernetesTime.Format(completed);
            }
        }

        foreach (var missing in active.OfType<JsonObject>().Where(r => !jobUids.Contains(JsonFields.Str(r, "uid"))).ToList())
        {
            context.Events.Record(cronJob, "Normal", "MissingJob", $"Active job went missing: {JsonFields.Str(missing, "name")}", Component);
            active.Remove(missing);
        }

        if (!Owners.IsTerminating(cronJob) && !JsonFields.Bool(cronJob["spec"], "suspend"))
        {
            Schedule(context, cronJob, status, active);
        }

        CleanupFinishedJobs(context, cronJob, jobs);
        if (active.Count == 0)
        {
            status.Remove("active");
        }

        if (!JsonNode.DeepEquals(status, cronJob["status"] ?? new JsonObject()))
        {
            context.Store.Modify(SimResources.CronJobs, ObjectMeta.Namespace(cronJob), ObjectMeta.Name(cronJob), (JsonObject c) => c["status"] = status);
        }
    }

    private void Schedule(SimulationContext context, JsonObject cronJob, JsonObject status, JsonArray active)
    {
        var spec = cronJob["spec"];
        var uid = ObjectMeta.Uid(cronJob) ?? "";
        TimeZoneInfo zone = TimeZoneInfo.Utc;
        if (JsonFields.Str(spec, "timeZone") is { } timeZone)
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found))
            {
                Once(context, cronJob, uid + "/tz", DateTimeOffset.MinValue, "Warning", "UnknownTimeZone", $"invalid timeZone: \"{timeZone}\": unknown time zone {timeZone}");
                return;
            }

            zone = found;
        }

        CronSchedule schedule;
        var text = JsonFields.Str(spec, "schedule") ?? "";
        try
        {
            schedule = CronSchedule.Parse(text, zone);
        }
        catch (FormatException e)
        {
            Once(context, cronJob, uid + "/schedule", DateTimeOffset.MinValue, "Warning", "UnparseableSchedule", $"unparseable schedule: \"{text}\" : {e.Message}");
            return;
        }

        // mostRecentScheduleTime: the last start time due since the last schedule (or creation), within the deadline.
        var earliest = JsonFields.Time(status, "lastScheduleTime") ?? Owners.Created(cronJob);
        var deadline = JsonFields.Long(spec, "startingDeadlineSeconds");
        if (deadline is { } seconds && context.Now.AddSeconds(-seconds) > earliest)
        {
            earliest = context.Now.AddSeconds(-seconds);
        }

        var (scheduled, missed) = MostRecentScheduleTime(schedule, earliest, context.Now);
        if (scheduled is not { } scheduledTime)
        {
            return;
        }

        if (missed > 100)
        {
            Once(context, cronJob, uid + "/toomany", scheduledTime, "Warning", "TooManyMissedTimes", $"too many missed start times: {missed.ToString(CultureInfo.InvariantCulture)}. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
        }

        if (deadline is { } d && scheduledTime.AddSeconds(d) < context.Now)
        {
            Once(context, cronJob, uid + "/miss", scheduledTime, "Warning", "MissSchedule", $"Missed scheduled time to start a job: {scheduledTime.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture)} +0000");
            return;
        }

        var jobName = $"{ObjectMeta.Name(cronJob)}-{(scheduledTime.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture)}";
        if (active.OfType<JsonObject>().Any(r => JsonFields.Str(r, "name") == jobName) || JsonFields.Time(status, "lastScheduleTime") == scheduledTime)
        {
            return;
        }

        var policy = JsonFields.Str(spec, "concurrencyPolicy") ?? "Allow";
        if (policy == "Forbid" && active.Count > 0)
        {
            Once(context, cronJob, uid + "/forbid", scheduledTime, "Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
            return;
        }

        if (policy == "Replace")
        {
            foreach (var reference in active.OfType<JsonObject>().ToList())
            {
                var name = JsonFields.Str(reference, "name") ?? "";
                if (context.Store.TryGet(SimResources.Jobs, ObjectMeta.Namespace(cronJob), name) is not null)
                {
                    context.Store.Delete(SimResources.Jobs, ObjectMeta.Namespace(cronJob), name);
                    context.Events.Record(cronJob, "Normal", "SuccessfulDelete", $"Deleted job {name}", Component);
                }

                active.Remove(reference);
            }
        }

        if (context.Store.TryGet(SimResources.Jobs, ObjectMeta.Namespace(cronJob), jobName) is not null)
        {
            return; // created by another actor: it updates the status
        }

        var job = context.Store.Create(SimResources.Jobs, NewJob(cronJob, jobName, scheduledTime));
        context.Events.Record(cronJob, "Normal", "SuccessfulCreate", $"Created job {jobName}", Component);
        active.Add(new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["name"] = jobName,
            ["namespace"] = ObjectMeta.Namespace(job),
            ["resourceVersion"] = ObjectMeta.ResourceVersion(job),
            ["uid"] = ObjectMeta.Uid(job),
        });
        status["lastScheduleTime"] = KubernetesTime.Format(scheduledTime);
    }

    /// <summary>
    /// mostRecentScheduleTime: the last start time due since <paramref name="earliest"/>, and how many were due — counted
    /// as the controller approximates it (the gap between the next two times, spread over the time elapsed).
    /// </summary>
    private static (DateTimeOffset? Time, long Missed) MostRecentScheduleTime(CronSchedule schedule, DateTimeOffset earliest, DateTimeOffset now)
    {
        if (schedule.Next(earliest) is not { } t1 || now < t1)
        {
            return (null, 0);
        }

        if (schedule.Next(t1) is not { } t2 || now < t2)
        {
            return (t1, 1);
        }

        var between = (long)Math.Round((t2 - t1).TotalSeconds);
        if (between < 1)
        {
            return (null, 0);
        }

        var missed = ((long)(now - t1).TotalSeconds / between) + 1;
        DateTimeOffset? mostRecent = null;
        for (var t = schedule.Next(t1.AddSeconds((missed - 2) * between)); t is { } next && next <= now; t = schedule.Next(next))
        {
            mostRecent = next;
        }

        return (mostRecent, missed);
    }

    private static JsonObject NewJob(JsonObject cronJob, string name, DateTimeOffset scheduledTime)
    {
        var template = cronJob["spec"]?["jobTemplate"];
        var annotations = template?["metadata"]?["annotations"]?.DeepClone() as JsonObject ?? [];
        annotations[ScheduledTimestampAnnotation] = KubernetesTime.Format(scheduledTime);
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ObjectMeta.Namespace(cronJob) };
        if (template?["metadata"]?["labels"] is JsonObject labels)
        {
            metadata["labels"] = labels.DeepClone();
        }

        metadata["annotations"] = annotations;
        metadata["ownerReferences"] = Owners.ControllerRef(cronJob, "batch/v1", "CronJob");
        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = metadata,
            ["spec"] = template?["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }

    /// <summary>cleanupFinishedJobs: the oldest finished jobs beyond successfulJobsHistoryLimit (3) / failedJobsHistoryLimit (1) go.</summary>
    private static void CleanupFinishedJobs(SimulationContext context, JsonObject cronJob, List<JsonObject> jobs)
    {
        foreach (var (type, limit) in new[] { ("Complete", JsonFields.Int(cronJob["spec"], "successfulJobsHistoryLimit", 3)), ("Failed", JsonFields.Int(cronJob["spec"], "failedJobsHistoryLimit", 1)) })
        {
            var finished = jobs.Where(j => JobController.FinishedType(j) == type && !Owners.IsTerminating(j))
                .OrderBy(j => JsonFields.Time(j["status"], "startTime") ?? Owners.Created(j)).ToList();
            foreach (var old in finished.Take(Math.Max(0, finished.Count - limit)))
            {
                context.Store.Delete(SimResources.Jobs, ObjectMeta.Namespace(old), ObjectMeta.Name(old));
                context.Events.Record(cronJob, "Normal", "SuccessfulDelete", $"Deleted job {ObjectMeta.Name(old)}", Component);
            }
        }
    }

    /// <summary>The real controller syncs a CronJob once per scheduled time: its per-schedule events come once each.</summary>
    private void Once(SimulationContext context, JsonObject cronJob, string key, DateTimeOffset scheduled, string type, string reason, string message)
    {
        if (_reported.TryGetValue(key, out var last) && last == scheduled)
        {
            return;
        }

        _reported[key] = scheduled;
        context.Events.Record(cronJob, type, reason, message, Component);
    }
}
