namespace OpsBot.Kubernetes;

/// <summary>Timeouts and retry behaviour of a <see cref="KubernetesClient"/>.</summary>
public sealed record KubernetesClientOptions
{
    /// <summary>How long one call (one attempt) may take.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times an idempotent call is retried after a 429, a 5xx or a timeout.</summary>
    /// <value>The default value is 4 retries.</value>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first retry's delay; each later one doubles, with jitter.</summary>
    /// <value>The default value is 200 milliseconds.</value>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between attempts, including a server's <c>Retry-After</c>.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Page size used by the "all pages" list helpers.</summary>
    /// <value>The default value is 500, as kubectl uses.</value>
    public int PageSize { get; init; } = 500;

    /// <summary>The clock for delays and timestamps (restartedAt).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
