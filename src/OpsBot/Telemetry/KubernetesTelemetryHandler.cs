using System.Diagnostics;

namespace OpsBot.Telemetry;

/// <summary>
/// Times and counts every Kubernetes API request (each attempt: it runs inside the retries) by verb, resource and
/// status code, counts the failures by reason, and traces each as a client span — a child of the command's span when a
/// command made it.
/// </summary>
public sealed class KubernetesTelemetryHandler(OpsBotTelemetry telemetry, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = KubernetesRequestInfo.Of(request.Method, request.RequestUri);
        using var activity = OpsBotTelemetry.Source.StartActivity($"{call.Verb} {call.Resource}", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("k8s.verb", call.Verb);
            activity.SetTag("k8s.resource", call.Resource);
            activity.SetTag("k8s.namespace.name", call.Namespace);
            activity.SetTag("http.request.method", request.Method.Method);
            activity.SetTag("server.address", request.RequestUri?.Host);
        }

        var started = time.GetTimestamp();
        var code = "transport";
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            code = OpsBotTelemetry.Code((int)response.StatusCode);
            if (!response.IsSuccessStatusCode)
            {
                telemetry.KubernetesApiError($"{code} {response.StatusCode}");
                activity?.SetStatus(ActivityStatusCode.Error, response.StatusCode.ToString());
            }

            return response;
        }
        catch (HttpRequestException error)
        {
            telemetry.KubernetesApiError("transport");
            activity?.SetStatus(ActivityStatusCode.Error, error.HttpRequestError.ToString());
            throw;
        }
        catch (OperationCanceledException)
        {
            // A timeout (the resilience layer's) or the caller giving up; not an API error.
            code = "canceled";
            activity?.SetStatus(ActivityStatusCode.Error, code);
            throw;
        }
        finally
        {
            activity?.SetTag("http.response.status_code", code);
            telemetry.KubernetesRequest(call.Verb, call.Resource, code, time.GetElapsedTime(started));
        }
    }
}
