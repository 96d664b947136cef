namespace OpsBot.Kubernetes;

/// <summary>Every item of a list across all its pages, and the resourceVersion to watch from.</summary>
public sealed record ListResult<T>(IReadOnlyList<T> Items, string? ResourceVersion);
