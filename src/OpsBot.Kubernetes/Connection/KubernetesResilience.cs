using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace OpsBot.Kubernetes;

/// <summary>
/// The retry and timeout policy of OpsBot's Kubernetes calls, on Microsoft.Extensions.Http.Resilience (Polly 8):
/// reads retry on 429, 5xx, timeouts and connection failures; writes only on 429, which the API server answers
/// before doing anything, so a PATCH or POST is never applied twice. <c>Retry-After</c> is honoured (at most
/// <see cref="KubernetesResilienceOptions.MaxRetryDelay"/>). Each attempt has its own timeout; watches have none.
/// </summary>
public static class KubernetesResilience
{
    /// <summary>The handler that applies the policy; <see cref="KubernetesClients.Create"/> puts it in the client's chain.</summary>
    public static DelegatingHandler CreateHandler(KubernetesResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reads = Build(options, retryAll: true, timeout: true);
        var writes = Build(options, retryAll: false, timeout: true);
        var streams = Build(options, retryAll: true, timeout: false);
        return new ResilienceHandler(request =>
            KubernetesRequests.IsStream(request) ? streams
            : KubernetesRequests.IsRead(request) ? reads
            : writes);
    }

    private static ResiliencePipeline<HttpResponseMessage> Build(KubernetesResilienceOptions options, bool retryAll, bool timeout)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                // Retry-After is read below, so that it is capped like any other delay.
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(retryAll
                    ? HttpClientResiliencePredicates.IsTransient(args.Outcome)
                    : args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args, options)),
            });
        }

        if (timeout)
        {
            builder.AddTimeout(options.RequestTimeout);
        }

        return builder.Build();
    }

    // null: the exponential backoff decides.
    private static TimeSpan? RetryAfter(RetryDelayGeneratorArguments<HttpResponseMessage> args, KubernetesResilienceOptions options)
    {
        var delay = args.Outcome.Result?.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - options.TimeProvider.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        return delay is null ? null
            : delay < TimeSpan.Zero ? TimeSpan.Zero
            : delay > options.MaxRetryDelay ? options.MaxRetryDelay
            : delay;
    }
}
