using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpsBot.ClusterSim.Faults;

namespace OpsBot.ClusterSim.Api;

public sealed partial class ApiServer
{
    /// <summary><c>GET|POST|DELETE /sim/faults</c>: list, replace (one rule, an array, or <c>{"rules":[…]}</c>), clear.</summary>
    private async Task HandleFaultsAsync(HttpContext context, string method, CancellationToken cancellationToken)
    {
        switch (method)
        {
            case "GET":
                break;
            case "DELETE":
                _faults.Clear();
                break;
            case "POST" or "PUT":
                var body = await JsonResponses.ReadBodyAsync(context, cancellationToken).ConfigureAwait(false);
                var rules = body switch
                {
                    JsonArray a => a,
                    JsonObject o when o["rules"] is JsonArray a => a,
                    _ => new JsonArray(body.DeepClone()),
                };
                try
                {
                    _faults.Set(rules.Select(r => r.Deserialize<FaultRule>() ?? throw new JsonException("null rule")).ToList());
                }
                catch (JsonException e)
                {
                    throw new ApiException(StatusErrors.BadRequest($"invalid fault rule: {e.Message}"));
                }

                break;
            default:
                throw new ApiException(StatusErrors.MethodNotAllowed());
        }

        var list = new JsonArray();
        foreach (var rule in _faults.Rules)
        {
            list.Add(JsonSerializer.SerializeToNode(rule));
        }

        await JsonResponses.WriteAsync(context, 200, new JsonObject { ["rules"] = list }, cancellationToken).ConfigureAwait(false);
    }
}
