using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Tests.Support;

/// <summary>Sends a request to the simulator and parses the JSON answer.</summary>
public static class HttpJson
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(
        this HttpClient client, HttpMethod method, string url, string? body = null, string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json" && text.Length > 0)
        {
            json = JsonNode.Parse(text);
        }

        return (response.StatusCode, json);
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body)> GetJsonAsync(this HttpClient client, string url, string? accept = null) =>
        client.SendAsync(HttpMethod.Get, url, accept: accept);

    public static string Str(this JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = int.TryParse(part, out var i) ? node?[i] : node?[part];
        }

        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "";
    }
}
