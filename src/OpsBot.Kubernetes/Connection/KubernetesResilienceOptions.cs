namespace OpsBot.Kubernetes;

/// <summary>Timeouts and retries of OpsBot's Kubernetes clients (see <see cref="KubernetesClients"/>).</summary>
public sealed record KubernetesResilienceOptions
{
    /// <summary>How long one attempt of a call may take, its response body included. Watches are exempt.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a read is retried after a 429, a 5xx, a timeout or a connection failure (writes: after a 429 only).</summary>
    /// <value>The default value is 4 retries.</value>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first retry's delay; each later one doubles, with jitter.</summary>
    /// <value>The default value is 200 milliseconds.</value>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between attempts, a server's <c>Retry-After</c> included.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock of delays and timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
