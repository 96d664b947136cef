using System.Net.Http.Headers;

namespace OpsBot.Kubernetes;

/// <summary>Exponential backoff with jitter, overridden by the server's <c>Retry-After</c> when it sends one.</summary>
internal static class RetryDelay
{
    public static TimeSpan For(int attempt, RetryConditionHeaderValue? retryAfter, KubernetesClientOptions options)
    {
        var fromServer = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - options.TimeProvider.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        if (fromServer is { } wait)
        {
            return Clamp(wait, options);
        }

        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt);
        // Full jitter on the upper half, so that many clients do not retry in step.
        var jittered = exponential / 2 + Random.Shared.NextDouble() * exponential / 2;
        return Clamp(TimeSpan.FromMilliseconds(jittered), options);
    }

    private static TimeSpan Clamp(TimeSpan delay, KubernetesClientOptions options) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > options.MaxRetryDelay ? options.MaxRetryDelay : delay;
}
