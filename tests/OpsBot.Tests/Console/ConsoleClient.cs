using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OpsBot.Tests.Console;

/// <summary>The console API as a test calls it: commands, button presses and the channel feed, as one user in one channel.</summary>
internal sealed class ConsoleClient(HttpClient http, string user = "alice", string channel = "incident")
{
    public string User => user;

    public async Task<JsonObject> RunAsync(string text)
    {
        var (status, body) = await PostAsync("/api/console/commands", new { text, user, channel });
        Assert.True(status == HttpStatusCode.OK, $"{text} answered {status}: {body.ToJsonString()}");
        return body;
    }

    public async Task<JsonObject> PressAsync(string actionId, string value, string? messageId = null)
    {
        var (status, body) = await PostAsync("/api/console/actions", new { actionId, value, user, channel, messageId });
        Assert.True(status == HttpStatusCode.OK, $"{actionId} answered {status}: {body.ToJsonString()}");
        return body;
    }

    public async Task<JsonObject> FeedAsync(long after = 0)
    {
        using var response = await http.GetAsync($"/api/console/channels/{channel}/messages?after={after}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    public static string Text(JsonObject reply) => (string?)reply["text"] ?? string.Empty;
}
