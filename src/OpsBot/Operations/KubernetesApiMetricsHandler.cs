namespace OpsBot.Operations;

/// <summary>Counts failed Kubernetes API calls (HTTP errors and transport failures, each attempt) for <c>/metrics</c>.</summary>
public sealed class KubernetesApiMetricsHandler(OpsBotMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                metrics.KubernetesApiError(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + response.StatusCode);
            }

            return response;
        }
        catch (HttpRequestException)
        {
            metrics.KubernetesApiError("transport");
            throw;
        }
    }
}
