namespace OpsBot.Kubernetes;

/// <summary>How to watch a resource.</summary>
public sealed record WatchOptions
{
    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>
    /// Where to start. Null: list first, report every existing object as <see cref="WatchEventType.Added"/>,
    /// then watch from the list's resourceVersion (what <c>kubectl get -w</c> does).
    /// </summary>
    public string? ResourceVersion { get; init; }

    /// <summary>How long the server keeps one watch connection open before the client resumes on a new one.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan ConnectionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether bookmark events are passed to the caller (they always advance the resourceVersion).</summary>
    public bool EmitBookmarks { get; init; }

    /// <summary>Consecutive connection failures tolerated before the watch gives up.</summary>
    /// <value>The default value is 5.</value>
    public int MaxReconnectAttempts { get; init; } = 5;
}
