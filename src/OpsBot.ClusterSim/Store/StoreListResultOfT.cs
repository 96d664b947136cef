namespace OpsBot.ClusterSim.Store;

/// <summary>A page of <see cref="ObjectStore.ListProjected{T}"/>: what was derived from each stored item, and the page's bookkeeping as in <see cref="StoreListResult"/>.</summary>
internal sealed record StoreListResult<T>(IReadOnlyList<T> Items, long ResourceVersion, string? ContinueAfter, long RemainingItemCount);
