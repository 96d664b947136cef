using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

public sealed partial class KubeletController
{
    /// <summary>Writes the pod's status as the kubelet reports it (an unchanged status writes nothing).</summary>
    private static void WriteStatus(SimulationContext context, JsonObject pod, PodRuntime runtime, JsonObject node)
    {
        var now = KubernetesTime.Format(context.Now);
        var hostIp = (node["status"]?["addresses"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(a => (string?)a["type"] == "InternalIP")?["address"]?.GetValue<string>() ?? "10.0.0.10";
        var specs = Regular(pod).ToList();
        var initSpecs = InitContainers(pod).ToList();
        var containers = specs.Select(spec => runtime.Containers[(string?)spec["name"] ?? ""]).ToList();
        var inits = initSpecs.Select(spec => runtime.Containers[(string?)spec["name"] ?? ""]).ToList();
        var unready = containers.Concat(inits.Where(c => c.Kind == ContainerKind.Sidecar)).Where(c => !c.Ready).Select(c => c.Name).ToList();
        var incomplete = inits.Where(c => c.Kind == ContainerKind.Sidecar ? !(c.EverStarted && c.StartupSucceeded) : !c.Completed).Select(c => c.Name).ToList();
        var phase = Phase(runtime, containers, inits);
        var defaultWaiting = initSpecs.Count > 0 ? "PodInitializing" : "ContainerCreating";
        try
        {
            context.Store.Modify(SimResources.Pods, runtime.Namespace, runtime.Name, obj =>
            {
                if (ObjectMeta.Uid(obj) != runtime.Uid)
                {
                    return; // replaced by a pod of the same name
                }

                var status = obj["status"] as JsonObject ?? [];
                obj["status"] = status;
                var existing = (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
                JsonObject Condition(string type, bool value, string? reason = null, string? message = null)
                {
                    var old = existing.FirstOrDefault(e => (string?)e["type"] == type);
                    var text = value ? "True" : "False";
                    var condition = new JsonObject
                    {
                        ["type"] = type,
                        ["status"] = text,
                        ["lastProbeTime"] = null,
                        ["lastTransitionTime"] = old is not null && (string?)old["status"] == text ? old["lastTransitionTime"]?.DeepClone() : now,
                    };
                    if (reason is not null)
                    {
                        condition["reason"] = reason;
                        if (message is not null)
                        {
                            condition["message"] = message;
                        }
                    }

                    return condition;
                }

                var finished = phase is "Succeeded" or "Failed";
                var notReadyReason = phase switch { "Succeeded" => "PodCompleted", "Failed" => "PodFailed", _ => "ContainersNotReady" };
                var notReadyMessage = finished ? null : $"containers with unready status: [{string.Join(' ', unready)}]";
                var ready = unready.Count == 0 && runtime.Initialized && !finished;
                status["phase"] = phase;
                status["conditions"] = new JsonArray(
                    Condition("PodReadyToStartContainers", runtime.VolumesReady),
                    incomplete.Count == 0 ? Condition("Initialized", true) : Condition("Initialized", false, "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(' ', incomplete)}]"),
                    ready ? Condition("Ready", true) : Condition("Ready", false, notReadyReason, notReadyMessage),
                    ready ? Condition("ContainersReady", true) : Condition("ContainersReady", false, notReadyReason, notReadyMessage),
                    existing.FirstOrDefault(e => (string?)e["type"] == "PodScheduled")?.DeepClone() ?? Condition("PodScheduled", true));
                status["hostIP"] = hostIp;
                status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp });
                if (runtime.VolumesReady)
                {
                    status["podIP"] = runtime.Ip;
                    status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = runtime.Ip });
                }

                status["startTime"] = KubernetesTime.Format(runtime.StartTime);
                if (initSpecs.Count > 0)
                {
                    status["initContainerStatuses"] = new JsonArray([.. initSpecs.Zip(inits, (spec, c) => ContainerStatus(spec, c, defaultWaiting))]);
                }

                status["containerStatuses"] = new JsonArray([.. specs.Zip(containers, (spec, c) => ContainerStatus(spec, c, defaultWaiting))]);
                status["qosClass"] = QosClass(specs);
            });
        }
        catch (StoreException)
        {
            // Deleted during the tick: the next tick forgets it.
        }
    }

    private static string Phase(PodRuntime runtime, IReadOnlyList<ContainerRuntime> containers, IReadOnlyList<ContainerRuntime> inits)
    {
        // An init container that failed for good (restartPolicy Never) fails the pod.
        if (inits.Any(c => c.Kind == ContainerKind.Init && c.Stage == ContainerStage.Done && c.Terminated?.ExitCode != 0))
        {
            return "Failed";
        }

        if (!runtime.Initialized)
        {
            return "Pending";
        }

        if (containers.Count > 0 && containers.All(c => c.Stage == ContainerStage.Done))
        {
            return containers.All(c => c.Terminated?.ExitCode == 0) ? "Succeeded" : "Failed";
        }

        return containers.Any(c => c.EverStarted) ? "Running" : "Pending";
    }

    private static JsonNode ContainerStatus(JsonObject spec, ContainerRuntime c, string defaultWaiting)
    {
        JsonObject state;
        if (c.Stage == ContainerStage.Running)
        {
            state = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = KubernetesTime.Format(c.StartedAt!.Value) } };
        }
        else if (c.Terminated is { } t && c.Stage is ContainerStage.Exited or ContainerStage.Done)
        {
            state = new JsonObject { ["terminated"] = Terminated(t) };
        }
        else
        {
            var waiting = new JsonObject { ["reason"] = c.Waiting?.Reason ?? defaultWaiting };
            if (c.Waiting?.Message is { } message)
            {
                waiting["message"] = message;
            }

            state = new JsonObject { ["waiting"] = waiting };
        }

        var image = c.Image.Length > 0 ? c.Image : (string?)spec["image"] ?? "";
        var status = new JsonObject
        {
            ["name"] = c.Name,
            ["state"] = state,
            ["lastState"] = c.LastTerminated is { } last ? new JsonObject { ["terminated"] = Terminated(last) } : new JsonObject(),
            ["ready"] = c.Kind == ContainerKind.Init ? c.Completed : c.Ready,
            ["restartCount"] = c.RestartCount,
            ["image"] = ImageReference.Normalize(image),
            ["imageID"] = c.ImagePulled ? ImageReference.Repository(ImageReference.Normalize(image)) + "@" + ImageRegistry.Digest(image) : "",
        };
        if (c.ContainerId.Length > 0)
        {
            status["containerID"] = c.ContainerId;
        }

        status["started"] = c.Stage == ContainerStage.Running && c.StartupSucceeded;
        return status;
    }

    private static JsonObject Terminated(TerminatedState t) => new()
    {
        ["exitCode"] = t.ExitCode,
        ["reason"] = t.Reason,
        ["startedAt"] = KubernetesTime.Format(t.StartedAt),
        ["finishedAt"] = KubernetesTime.Format(t.FinishedAt),
        ["containerID"] = t.ContainerId,
    };

    /// <summary>Guaranteed: every container has cpu and memory limits equal to its requests; BestEffort: none has any.</summary>
    private static string QosClass(IReadOnlyList<JsonObject> specs)
    {
        var any = false;
        var guaranteed = true;
        foreach (var spec in specs)
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var request = Quantities.Resource(spec, "requests", resource);
                var limit = Quantities.Resource(spec, "limits", resource);
                any |= request is not null || limit is not null;
                var requestValue = request is null ? null : Quantities.Millicores(request);
                guaranteed &= limit is not null && (request is null || requestValue == Quantities.Millicores(limit));
            }
        }

        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }
}
