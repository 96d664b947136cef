using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using OpsBot.Kubernetes.Serialization;

namespace OpsBot.Kubernetes;

/// <summary>
/// OpsBot's Kubernetes REST client, shaped like the official C# client (<c>ListNamespacedPodAsync</c>, …).
/// Operations live in partial files by resource; this file holds the request pipeline: per-call
/// timeouts, retries for idempotent calls, and <c>Status</c> errors mapped to typed exceptions.
/// </summary>
public sealed partial class KubernetesClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;

    /// <summary>A client over an <see cref="HttpClient"/> whose <see cref="HttpClient.BaseAddress"/> is the API server.</summary>
    public KubernetesClient(HttpClient httpClient, string defaultNamespace = "default", KubernetesClientOptions? options = null)
        : this(httpClient, defaultNamespace, options, ownsHttpClient: false)
    {
    }

    /// <summary>
    /// A client for a configured cluster (see <see cref="KubernetesClientConfiguration.BuildDefaultConfig"/>):
    /// TLS and credentials come from the configuration, the default namespace from its context.
    /// </summary>
    public KubernetesClient(KubernetesClientConfiguration configuration, KubernetesClientOptions? options = null)
        : this(
            new HttpClient(configuration.CreateHttpMessageHandler(options?.TimeProvider)) { BaseAddress = configuration.Host },
            configuration.Namespace,
            options,
            ownsHttpClient: true)
    {
    }

    private KubernetesClient(HttpClient httpClient, string defaultNamespace, KubernetesClientOptions? options, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient.BaseAddress, "httpClient.BaseAddress");
        _http = httpClient;
        _ownsHttpClient = ownsHttpClient;
        // Per-call timeouts are ours (they must not cut a watch), so the HttpClient's own is off.
        _http.Timeout = Timeout.InfiniteTimeSpan;
        DefaultNamespace = defaultNamespace;
        Options = options ?? new KubernetesClientOptions();
    }

    /// <summary>The namespace of the configured context (or the in-cluster namespace).</summary>
    public string DefaultNamespace { get; }

    public KubernetesClientOptions Options { get; }

    public Uri BaseAddress => _http.BaseAddress!;

    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    internal async Task<T> SendAsync<T>(HttpMethod method, string pathAndQuery, JsonTypeInfo<T> typeInfo, RequestBody? body = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendForResponseAsync(method, pathAndQuery, body, HttpCompletionOption.ResponseContentRead, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await System.Text.Json.JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
            ?? throw new KubernetesException($"{method} {pathAndQuery}: the server returned an empty body.", response.StatusCode);
    }

    internal async Task<string> SendForTextAsync(HttpMethod method, string pathAndQuery, CancellationToken cancellationToken = default)
    {
        using var response = await SendForResponseAsync(method, pathAndQuery, null, HttpCompletionOption.ResponseContentRead, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends with retries: idempotent calls (GET) retry on 429, 5xx, timeouts and connection
    /// failures; other calls retry only on 429, which the API server answers before doing anything.
    /// </summary>
    internal async Task<HttpResponseMessage> SendForResponseAsync(
        HttpMethod method, string pathAndQuery, RequestBody? body, HttpCompletionOption completion, bool useTimeout = true, CancellationToken cancellationToken = default)
    {
        var idempotent = method == HttpMethod.Get || method == HttpMethod.Head;
        for (var attempt = 0; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (useTimeout)
            {
                timeout.CancelAfter(Options.RequestTimeout);
            }

            using var request = new HttpRequestMessage(method, Resolve(pathAndQuery));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (body is not null)
            {
                request.Content = new StringContent(body.Content, Encoding.UTF8);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(body.ContentType);
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, completion, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or HttpRequestException)
            {
                var what = ex is OperationCanceledException ? $"timed out after {Options.RequestTimeout.TotalSeconds:0.#}s" : $"failed: {ex.Message}";
                if (idempotent && attempt < Options.MaxRetries)
                {
                    await DelayAsync(RetryDelay.For(attempt, null, Options), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var message = $"{method} {pathAndQuery} {what}" + (attempt > 0 ? $" (after {attempt + 1} attempts)." : ".");
                throw ex is OperationCanceledException ? new KubernetesTimeoutException(message, ex) : new KubernetesException(message, 0, null, ex);
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var retryable = response.StatusCode == HttpStatusCode.TooManyRequests || (idempotent && (int)response.StatusCode >= 500);
            if (retryable && attempt < Options.MaxRetries)
            {
                var delay = RetryDelay.For(attempt, response.Headers.RetryAfter, Options);
                response.Dispose();
                await DelayAsync(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw KubernetesErrors.FromResponse(response.StatusCode, text, method.Method, pathAndQuery);
            }
        }
    }

    // Keeps a base path (e.g. a proxy's https://rancher/k8s/clusters/c-1) that a rooted path would drop.
    private Uri Resolve(string pathAndQuery) => new(_http.BaseAddress!.AbsoluteUri.TrimEnd('/') + pathAndQuery);

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        Task.Delay(delay, Options.TimeProvider, cancellationToken);

    internal static RequestBody Json<T>(T value) => new(KubernetesJson.Serialize(value), "application/json");

    internal static RequestBody Patch(KubernetesPatch patch) => new(patch.Body, patch.ContentType);

    internal sealed record RequestBody(string Content, string ContentType);
}
