namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>A container's environment, or the kubelet's <c>CreateContainerConfigError</c> message.</summary>
public sealed record EnvResolution(IReadOnlyDictionary<string, string> Variables, string? Error);
