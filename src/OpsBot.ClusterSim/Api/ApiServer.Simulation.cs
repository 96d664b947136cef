using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpsBot.ClusterSim.Controllers.Kubelet;

namespace OpsBot.ClusterSim.Api;

public sealed partial class ApiServer
{
    /// <summary>Scenarios and the virtual clock, when the host provides them (not advertised in discovery).</summary>
    public ISimulatorControl? Control { get; init; }

    /// <summary>
    /// <c>GET /sim/scenarios</c>, <c>POST /sim/scenarios/{name}</c> (load), <c>GET /sim/clock</c>,
    /// <c>POST /sim/clock/advance {"duration":"10m"}</c>.
    /// </summary>
    private async Task HandleSimulationAsync(HttpContext context, string path, string method, CancellationToken cancellationToken)
    {
        var control = Control ?? throw new ApiException(StatusErrors.ResourceNotFound());
        JsonObject result;
        switch (path, method)
        {
            case ("/sim/scenarios", "GET"):
                result = control.ListScenarios();
                break;
            case ("/sim/clock", "GET"):
                result = control.Clock();
                break;
            case ("/sim/clock/advance", "POST"):
                var body = await JsonResponses.ReadBodyAsync(context, cancellationToken).ConfigureAwait(false);
                var text = body is JsonObject o ? (string?)o["duration"] : null;
                if (!DurationText.TryParse(text, out var duration) || duration <= TimeSpan.Zero || duration > TimeSpan.FromDays(7))
                {
                    throw new ApiException(StatusErrors.BadRequest("duration must be a positive duration up to 7d, e.g. {\"duration\":\"10m\"}"));
                }

                result = await control.AdvanceClockAsync(duration, cancellationToken).ConfigureAwait(false);
                break;
            case (_, "POST") when path.StartsWith("/sim/scenarios/", StringComparison.Ordinal):
                var name = path["/sim/scenarios/".Length..];
                result = control.LoadScenario(name) ?? throw new ApiException(StatusErrors.Status(404, "NotFound", $"scenario \"{name}\" not found"));
                break;
            case ("/sim/scenarios" or "/sim/clock" or "/sim/clock/advance", _):
                throw new ApiException(StatusErrors.MethodNotAllowed());
            case (_, _) when path.StartsWith("/sim/scenarios/", StringComparison.Ordinal):
                throw new ApiException(StatusErrors.MethodNotAllowed());
            default:
                throw new ApiException(StatusErrors.ResourceNotFound());
        }

        await JsonResponses.WriteAsync(context, 200, result, cancellationToken).ConfigureAwait(false);
    }
}
