using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>Everything one container's sync in one tick needs.</summary>
internal sealed record ContainerSync(
    SimulationContext Context,
    JsonObject Pod,
    PodRuntime PodRuntime,
    JsonObject Spec,
    ContainerRuntime Container,
    WorkloadBehavior Behavior,
    double RequestsPerSecond,
    long NodeCpuMillicores,
    double DbRefused = 0)
{
    public DateTimeOffset Now => Context.Now;

    public string FieldPath => Container.Kind == ContainerKind.Regular
        ? $"spec.containers{{{Container.Name}}}"
        : $"spec.initContainers{{{Container.Name}}}";

    public string SpecImage => (string?)Spec["image"] ?? "";

    public long? MemoryLimitBytes => Quantities.Bytes(Quantities.Resource(Spec, "limits", "memory"));

    public long CpuCapMillicores => Quantities.Millicores(Quantities.Resource(Spec, "limits", "cpu")) ?? NodeCpuMillicores;

    public string PodRestartPolicy => (string?)Pod["spec"]?["restartPolicy"] ?? "Always";

    /// <summary>
    /// When this container is restarted after it exits: the pod's policy for regular containers; an init container
    /// runs to completion (restarted on failure unless the pod's policy is Never); a sidecar (an init container with
    /// <c>restartPolicy: Always</c>) always restarts.
    /// </summary>
    public string RestartPolicy => Container.Kind switch
    {
        ContainerKind.Sidecar => "Always",
        ContainerKind.Init => PodRestartPolicy == "Never" ? "Never" : "OnFailure",
        _ => PodRestartPolicy,
    };

    public void Event(string type, string reason, string message) =>
        Context.Events.Record(Involved(Pod), type, reason, message, "kubelet", PodRuntime.Node, FieldPath);

    public void Log(string line) => Context.Logs.Append(PodRuntime.Namespace, PodRuntime.Name, Container.Name, line, Now);

    public static JsonObject Involved(JsonObject pod) => new()
    {
        ["kind"] = "Pod",
        ["apiVersion"] = "v1",
        ["metadata"] = pod["metadata"]!.DeepClone(),
    };
}
