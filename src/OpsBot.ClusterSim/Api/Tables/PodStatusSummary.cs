using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary>A pod's READY count, STATUS reason and RESTARTS as kubectl computes them (<c>printPod</c>).</summary>
public sealed record PodStatusSummary(int Ready, int Total, string Reason, int Restarts, DateTimeOffset? LastRestart)
{
    public static PodStatusSummary Of(JsonObject pod)
    {
        var spec = pod["spec"];
        var status = pod["status"];
        var phase = Cell.Str(status?["phase"]);
        var reason = Cell.Str(status?["reason"]) is { Length: > 0 } r ? r : phase;
        if (Cell.Items(status?["conditions"]).Any(c => Cell.Str(c["type"]) == "PodScheduled" && Cell.Str(c["reason"]) == "SchedulingGated"))
        {
            reason = "SchedulingGated";
        }

        var initSpecs = Cell.Items(spec?["initContainers"]).ToList();
        var restartable = initSpecs.Where(c => Cell.Str(c["restartPolicy"]) == "Always").Select(c => Cell.Str(c["name"])).ToHashSet(StringComparer.Ordinal);
        var total = Cell.Items(spec?["containers"]).Count() + restartable.Count;
        var ready = 0;
        var restarts = 0;
        var sidecarRestarts = 0;
        DateTimeOffset? lastRestart = null;
        DateTimeOffset? lastSidecarRestart = null;
        var initializing = false;
        var initStatuses = Cell.Items(status?["initContainerStatuses"]).ToList();
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var c = initStatuses[i];
            var count = (int)Cell.Int(c["restartCount"]);
            restarts += count;
            var finished = Cell.Time(c["lastState"]?["terminated"]?["finishedAt"]);
            lastRestart = Later(lastRestart, finished);
            var isSidecar = restartable.Contains(Cell.Str(c["name"]));
            if (isSidecar)
            {
                sidecarRestarts += count;
                lastSidecarRestart = Later(lastSidecarRestart, finished);
            }

            var terminated = c["state"]?["terminated"];
            var waiting = c["state"]?["waiting"];
            if (terminated is not null && Cell.Int(terminated["exitCode"]) == 0)
            {
                continue;
            }

            if (isSidecar && Cell.Bool(c["started"]))
            {
                if (Cell.Bool(c["ready"]))
                {
                    ready++;
                }

                continue;
            }

            if (terminated is not null)
            {
                reason = Cell.Str(terminated["reason"]) is { Length: > 0 } tr ? "Init:" + tr
                    : Cell.Int(terminated["signal"]) != 0 ? $"Init:Signal:{Cell.Int(terminated["signal"])}"
                    : $"Init:ExitCode:{Cell.Int(terminated["exitCode"])}";
            }
            else if (waiting is not null && Cell.Str(waiting["reason"]) is { Length: > 0 } wr && wr != "PodInitializing")
            {
                reason = "Init:" + wr;
            }
            else
            {
                reason = $"Init:{i}/{initSpecs.Count}";
            }

            initializing = true;
            break;
        }

        var initializedTrue = Cell.Items(status?["conditions"]).Any(c => Cell.Str(c["type"]) == "Initialized" && Cell.Str(c["status"]) == "True");
        if (!initializing || initializedTrue)
        {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            var hasRunning = false;
            var statuses = Cell.Items(status?["containerStatuses"]).ToList();
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var c = statuses[i];
                restarts += (int)Cell.Int(c["restartCount"]);
                lastRestart = Later(lastRestart, Cell.Time(c["lastState"]?["terminated"]?["finishedAt"]));
                var waiting = c["state"]?["waiting"];
                var terminated = c["state"]?["terminated"];
                if (waiting is not null && Cell.Str(waiting["reason"]).Length > 0)
                {
                    reason = Cell.Str(waiting["reason"]);
                }
                else if (terminated is not null && Cell.Str(terminated["reason"]).Length > 0)
                {
                    reason = Cell.Str(terminated["reason"]);
                }
                else if (terminated is not null)
                {
                    reason = Cell.Int(terminated["signal"]) != 0 ? $"Signal:{Cell.Int(terminated["signal"])}" : $"ExitCode:{Cell.Int(terminated["exitCode"])}";
                }
                else if (Cell.Bool(c["ready"]) && c["state"]?["running"] is not null)
                {
                    hasRunning = true;
                    ready++;
                }
            }

            if (reason == "Completed" && hasRunning)
            {
                reason = Cell.Items(status?["conditions"]).Any(c => Cell.Str(c["type"]) == "Ready" && Cell.Str(c["status"]) == "True") ? "Running" : "NotReady";
            }
        }

        if (pod["metadata"]?["deletionTimestamp"] is not null)
        {
            if (Cell.Str(status?["reason"]) == "NodeLost")
            {
                reason = "Unknown";
            }
            else if (phase is not ("Succeeded" or "Failed"))
            {
                reason = "Terminating";
            }
        }

        return new PodStatusSummary(ready, total, reason, restarts, lastRestart);
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a > b ? a : b);
}
