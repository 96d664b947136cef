using k8s;

namespace OpsBot.Kubernetes;

/// <summary>A container's log as text (<c>kubectl logs</c>), over the official client's log stream.</summary>
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
        ArgumentNullException.ThrowIfNull(client);
        var stream = await client.CoreV1.ReadNamespacedPodLogAsync(
            name, namespaceParameter, container: container, previous: previous ? true : null, tailLines: tailLines, sinceSeconds: sinceSeconds,
            limitBytes: limitBytes, timestamps: timestamps ? true : null, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
