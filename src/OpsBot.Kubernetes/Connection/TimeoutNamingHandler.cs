using Polly.Timeout;

namespace OpsBot.Kubernetes;

/// <summary>Turns Polly's timeout into a <see cref="KubernetesTimeoutException"/> that names the call (<c>GET /api/v1/nodes/n timed out after 30 s</c>).</summary>
internal sealed class TimeoutNamingHandler(TimeSpan timeout) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException error)
        {
            throw new KubernetesTimeoutException($"{KubernetesRequests.Describe(request)} timed out after {timeout.TotalSeconds:0.#} s.", error);
        }
    }
}
