using k8s;

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
    /// reading many logs at once (triage), where a string for the whole body, then one per line and per stamp, cost more
    /// than the request.
    /// </summary>
    public static async Task<IReadOnlyList<LogLine>> ReadPodLogLinesAsync(
        this IKubernetes client, string name, string namespaceParameter, string container, bool previous, int tailLines, int limitBytes,
        int? sinceSeconds = null, CancellationToken cancellationToken = default)
    {
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
}
