namespace OpsBot.Kubernetes;

/// <summary>A list would hold more objects than the cluster's <see cref="ObjectBudget"/> allows.</summary>
public sealed class ObjectBudgetExceededException(string kind, long limit)
    : Exception($"Caching {kind} would pass the limit of {limit:N0} objects.")
{
    public string Kind { get; } = kind;

    public long Limit { get; } = limit;
}
