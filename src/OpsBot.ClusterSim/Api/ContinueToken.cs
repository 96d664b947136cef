using System.Text;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api;

/// <summary>The opaque <c>continue</c> token of list paging: base64 of <c>{"v":"meta.k8s.io/v1","rv":N,"start":KEY}</c>.</summary>
public static class ContinueToken
{
    public static string Encode(long resourceVersion, string lastKey)
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = resourceVersion, ["start"] = lastKey }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>The key to continue after; throws 400 BadRequest when the token is not one of ours.</summary>
    public static string Decode(string token)
    {
        try
        {
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)));
            return json?["start"]?.GetValue<string>() ?? throw new FormatException("no start key");
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new ApiException(StatusErrors.BadRequest($"continue key is not valid: {e.Message}"));
        }
    }
}
