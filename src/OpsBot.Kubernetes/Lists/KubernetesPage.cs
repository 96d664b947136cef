namespace OpsBot.Kubernetes;

/// <summary>One page of a list: its items and the token of the next page (null on the last).</summary>
public sealed record KubernetesPage<T>(IEnumerable<T> Items, string? Continue);
