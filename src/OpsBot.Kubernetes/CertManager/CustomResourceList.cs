namespace OpsBot.Kubernetes;

/// <summary>
/// A list of custom resources, or the fact that the cluster does not serve them (the CRD is not
/// installed): a cluster without cert-manager is a normal answer, not an error.
/// </summary>
public sealed record CustomResourceList<T>(bool IsInstalled, IReadOnlyList<T> Items, string? Message = null);
