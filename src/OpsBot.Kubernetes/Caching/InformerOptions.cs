namespace OpsBot.Kubernetes;

/// <summary>Tunables of a <see cref="ResourceInformer{T}"/>.</summary>
public sealed record InformerOptions
{
    /// <summary>How often the whole kind is listed again and compared with the cache, healing anything a watch missed. Default 10 min.</summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The server-side timeout of one watch (client-go picks 5–10 min); the watch then resumes from its resourceVersion. Default 5 min.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Page size of the lists (kubectl's 500).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>First wait after a failed list or watch; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts after failures. Default 30 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Commands running now (<see cref="ForegroundWork"/>): before each page of a list the informer waits until none is,
    /// at most <see cref="MaxYield"/>. Null: lists never wait.
    /// </summary>
    public ForegroundWork? Foreground { get; init; }

    /// <summary>The longest a list waits for running commands before its next page. Default 5 s.</summary>
    public TimeSpan MaxYield { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock of the informer's timestamps and waits.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
