namespace OpsBot.Kubernetes;

/// <summary>One page of a list: its items, the token of the next page (null on the last) and the list's resourceVersion (where a watch of it starts).</summary>
public sealed record KubernetesPage<T>(IEnumerable<T> Items, string? Continue, string? ResourceVersion = null);
