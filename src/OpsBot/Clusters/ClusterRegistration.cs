using k8s;

namespace OpsBot.Clusters;

/// <summary>
/// A cluster OpsBot can talk to: its name and how to build its client. The client is built when a command first
/// needs it (the embedded simulator, say, serves only once the host has started).
/// </summary>
public sealed record ClusterRegistration(string Name, Func<IKubernetes> CreateClient);
