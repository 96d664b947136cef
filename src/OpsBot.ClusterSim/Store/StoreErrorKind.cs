namespace OpsBot.ClusterSim.Store;

/// <summary>Why a store operation failed; the API layer maps each to a Kubernetes <c>Status</c>.</summary>
public enum StoreErrorKind
{
    NotFound,
    AlreadyExists,
    Conflict,
    Expired,
}
