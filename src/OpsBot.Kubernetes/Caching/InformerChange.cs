using k8s;

namespace OpsBot.Kubernetes;

/// <summary>
/// One change a <see cref="ResourceInformer{T}"/> applied: <paramref name="Previous"/> is null for an addition,
/// <paramref name="Current"/> null for a deletion. A relist that finds an object changed reports it as modified, so a
/// listener sees every change once, whether it came from the watch or from a relist after a break.
/// </summary>
public sealed record InformerChange<T>(WatchEventType Type, T? Previous, T? Current)
    where T : class;
