namespace OpsBot.Kubernetes;

/// <summary>The kind of change a watch reports.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>A progress marker carrying only a resourceVersion; emitted only when asked for.</summary>
    Bookmark,
}
