namespace OpsBot.ClusterSim.Store;

/// <summary>A store operation failed for a reason the API reports as a Kubernetes <c>Status</c>.</summary>
public sealed class StoreException : Exception
{
    public StoreException(StoreErrorKind kind, GroupVersionResource resource, string name, string message)
        : base(message)
    {
        Kind = kind;
        Resource = resource;
        ObjectName = name;
    }

    public StoreException()
    {
    }

    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoreErrorKind Kind { get; }

    public GroupVersionResource Resource { get; }

    /// <summary>The name of the object concerned (empty for collection-level errors such as Expired).</summary>
    public string ObjectName { get; } = "";
}
