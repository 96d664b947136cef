using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpsBot.ClusterSim.Faults;

namespace OpsBot.ClusterSim.Api;

public sealed partial class ApiServer
{
    /// <summary>
    /// <c>POST /sim/watches/drop</c>: every open watch's connection is dropped (<c>{"dropped": N}</c>);
    /// <c>POST /sim/compact</c>: the watch history is compacted, so resuming from an older resourceVersion gets 410.
    /// </summary>
    private async Task HandleWatchFaultAsync(HttpContext context, string path, string method, CancellationToken cancellationToken)
    {
        if (method != "POST")
        {
            throw new ApiException(StatusErrors.MethodNotAllowed());
        }

        var answer = new JsonObject();
        if (path == "/sim/compact")
        {
            _store.Compact();
            answer["compactedAt"] = _store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            answer["dropped"] = _store.DropWatches();
        }

        await JsonResponses.WriteAsync(context, 200, answer, cancellationToken).ConfigureAwait(false);
    }

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
