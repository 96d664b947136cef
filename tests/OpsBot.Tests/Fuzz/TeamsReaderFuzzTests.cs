using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.Logging;
using OpsBot.Testing.Teams;
using OpsBot.Tests.Teams;

namespace OpsBot.Tests.Fuzz;

/// <summary>
/// The Teams activity reader on any body near a valid activity (a message, an <c>Action.Execute</c> invoke, an
/// <c>Action.Submit</c>), each signed with a token the fake channel issues for the body's own <c>serviceUrl</c>, so that
/// most bodies pass authentication and reach the reader and the handler: never a 5xx, never an unhandled exception.
/// </summary>
[Trait("Category", Fuzz.Category)]
public sealed class TeamsReaderFuzzTests
{
    [Fact]
    public async Task Messages_AnyActivity_No5xx()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        var bodies = Gen.Frequency(
            (4, JsonMutation.Of(Activities.Execute(channel, "test.approve", "wf1", "card-1"))),
            (3, JsonMutation.Of(Activities.ChannelMessage(channel, "<at>OpsBot</at> k8s pods -n shop"))),
            (2, JsonMutation.Of(Activities.Submit(channel, "test.approve", "wf1", "card-1"))),
            (1, FuzzText.Hostile()));
        var statuses = new List<HttpStatusCode>();

        await Fuzz.CheckAsync(bodies, 300, async body =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", channel.Token(ServiceUrlOf(body) ?? channel.ServiceUrl));
            using var response = await bot.SendAsync(request);
            statuses.Add(response.StatusCode);
            Assert.True((int)response.StatusCode < 500 || response.StatusCode == HttpStatusCode.NotImplemented, $"answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        });

        // Both sides exercised: activities acted on (200) and activities refused for their shape (400).
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.BadRequest, statuses);
        var errors = host.Recorder.Entries.Where(entry => entry.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(entry => $"{entry.Category}: {entry.Message} {entry.Exception}")));
    }

    // The serviceUrl the body claims (the token must name the same one), read leniently: the body may be anything.
    private static string? ServiceUrlOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("serviceUrl", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
        }
        catch (Exception error) when (error is JsonException or ArgumentException)
        {
            return null; // not JSON, or not even valid UTF-16 (a lone surrogate)
        }
    }
}
