namespace OpsBot.ClusterSim.Store;

/// <summary>The kind of change a <see cref="StoreEvent"/> reports (the watch wire names are upper case).</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
}
