using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Store;

/// <summary>
/// A page of a list: deep copies of the items (the caller may change them), the store's resourceVersion
/// when the list was taken, and the key to continue after the last item (null on the last page).
/// </summary>
public sealed record StoreListResult(IReadOnlyList<JsonObject> Items, long ResourceVersion, string? ContinueAfter, long RemainingItemCount);
