using System.Globalization;
using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;

namespace OpsBot.Kubernetes;

/// <summary>A container's log (<c>kubectl logs</c>), over the official client's log stream: the one place that reads it.</summary>
public static class PodLogExtensions
{
    /// <summary>
    /// The log of <paramref name="container"/> (null: the pod's only container), the previous run's with
    /// <paramref name="previous"/>, each line prefixed with its RFC 3339 time with <paramref name="timestamps"/>.
    /// </summary>
    public static async Task<string> ReadPodLogTextAsync(
        this IKubernetes client, string name, string namespaceParameter, string? container = null, bool previous = false,
        int? tailLines = null, int? sinceSeconds = null, int? limitBytes = null, bool timestamps = false, CancellationToken cancellationToken = default)
    {
        var stream = await OpenAsync(client, name, namespaceParameter, container, previous, tailLines, sinceSeconds, limitBytes, timestamps, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The last <paramref name="tailLines"/> lines of a container's log with the kubelet's timestamps, at most
    /// <paramref name="limitBytes"/> bytes, parsed from the response's bytes (<see cref="LogLineReader"/>) — the path for
    /// reading many logs at once (triage: ~1,000 per run), where a string for the whole body, then one per line and per
    /// stamp, were about a tenth of each read's CPU (docs/BENCHMARKS.md, "Cheaper log reads"). On OpsBot's clients (<see cref="KubernetesClients"/>) the request goes through
    /// the client's own <see cref="HttpClient"/> — its handler chain (per-attempt timeout, retries, telemetry), TLS and
    /// credentials — without the generated operation's wrappers, and fails as the generated operation fails
    /// (<see cref="HttpOperationException"/> with the API server's Status).
    /// </summary>
    public static async Task<IReadOnlyList<LogLine>> ReadPodLogLinesAsync(
        this IKubernetes client, string name, string namespaceParameter, string container, bool previous, int tailLines, int limitBytes,
        int? sinceSeconds = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client is k8s.Kubernetes { HttpClient: { } http } kubernetes)
        {
            using var response = await SendAsync(kubernetes, http, LogPath(name, namespaceParameter, container, previous, tailLines, sinceSeconds, limitBytes), cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                return await LogLineReader.ReadAsync(body, timestamped: true, limitBytes, cancellationToken).ConfigureAwait(false);
            }
        }

        var stream = await OpenAsync(client, name, namespaceParameter, container, previous, tailLines, sinceSeconds, limitBytes, timestamps: true, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // limitBytes again on our side: a server that ignores it cannot make one log fill the memory.
            return await LogLineReader.ReadAsync(stream, timestamped: true, limitBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task<Stream> OpenAsync(
        IKubernetes client, string name, string namespaceParameter, string? container, bool previous, int? tailLines, int? sinceSeconds, int? limitBytes, bool timestamps,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.CoreV1.ReadNamespacedPodLogAsync(
            name, namespaceParameter, container: container, previous: previous ? true : null, tailLines: tailLines, sinceSeconds: sinceSeconds,
            limitBytes: limitBytes, timestamps: timestamps ? true : null, cancellationToken: cancellationToken);
    }

    // The generated operation's query, in its order (kubectl's names).
    private static string LogPath(string name, string namespaceParameter, string container, bool previous, int tailLines, int? sinceSeconds, int limitBytes)
    {
        var path = new StringBuilder("api/v1/namespaces/").Append(Uri.EscapeDataString(namespaceParameter)).Append("/pods/").Append(Uri.EscapeDataString(name))
            .Append("/log?container=").Append(Uri.EscapeDataString(container))
            .Append(CultureInfo.InvariantCulture, $"&limitBytes={limitBytes}");
        if (previous)
        {
            path.Append("&previous=true");
        }

        if (sinceSeconds is { } seconds)
        {
            path.Append(CultureInfo.InvariantCulture, $"&sinceSeconds={seconds}");
        }

        return path.Append(CultureInfo.InvariantCulture, $"&tailLines={tailLines}&timestamps=true").ToString();
    }

    // What the generated client's SendRequestRaw does: credentials, HTTP/2 when the server speaks it, and a refusal as
    // HttpOperationException carrying the Status body (KubernetesApiErrors reads it from there).
    private static async Task<HttpResponseMessage> SendAsync(k8s.Kubernetes kubernetes, HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(kubernetes.BaseUri, path)) { Version = HttpVersion.Version20 };
        if (kubernetes.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var content = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpOperationException($"Operation returned an invalid status code '{response.StatusCode}', response body {content}")
            {
                Request = new HttpRequestMessageWrapper(request, null),
                Response = new HttpResponseMessageWrapper(response, content),
            };
        }
    }
}
