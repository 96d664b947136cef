namespace OpsBot.Kubernetes;

/// <summary>
/// Reads a response body to its end inside the attempt, so that the per-attempt timeout covers the body (the official
/// client asks only for headers and reads the body later) and a connection dropped mid-body is retried like any failed
/// read. Watches and followed logs stream through untouched.
/// </summary>
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!KubernetesRequests.IsStream(request))
        {
            try
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        return response;
    }
}
