using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Audit;
using OpsBot.Testing.Teams;

namespace OpsBot.Tests.Teams;

/// <summary>
/// Activities of the wrong shape, signed with a valid token (outside probes found duplicate keys in <c>value</c>
/// answered 500 from <c>TeamsActivities.StringAt</c>): every one is a 400 with the reason, logged once, and runs nothing.
/// </summary>
public sealed class TeamsMalformedActivityTests(TeamsHostFixture shared) : IClassFixture<TeamsHostFixture>
{
    private const string Refused = "Refused a Teams activity";

    // (what is changed, a transformation of a valid invoke's JSON text, a word of the reason)
    public static TheoryData<string, string, string> Cases => new()
    {
        { "duplicate key in value.action.data", "\"data\":{\"actionId\":\"test.approve\",\"actionId\":\"test.rollback\",\"value\":\"wf1\"}", "Duplicate property 'actionId'" },
        { "duplicate key in value", "\"trigger\":\"manual\",\"trigger\":\"auto\"", "Duplicate property 'trigger'" },
        { "duplicate top-level type", "\"type\":\"invoke\",\"type\":\"message\"", "Duplicate property 'type'" },
        { "from is a string", "\"from\":\"aad-alice\"", "$.from" },
        { "from is an array", "\"from\":[\"aad-alice\"]", "$.from" },
        { "from.id is a number", "\"from\":{\"id\":5,\"aadObjectId\":\"aad-bob\"}", "$.from.id" },
        { "conversation is a string", "\"conversation\":\"19:ops-incidents@thread.tacv2\"", "$.conversation" },
        { "channelData is a string", "\"channelData\":\"tenant\"", "$.channelData" },
        { "channelData is an array", "\"channelData\":[{\"tenant\":{\"id\":\"x\"}}]", "$.channelData" },
        { "entities hold a number", "\"entities\":[5]", "$.entities" },
        { "type is a number", "\"type\":7", "$.type" },
        { "value is a string", "\"value\":\"approve\"", "\"value\" must be an object" },
        { "value is an array", "\"value\":[{\"action\":{}}]", "\"value\" must be an object" },
        { "value.action is a string", "\"value\":{\"action\":\"Action.Execute\"}", "\"value.action\" must be an object" },
        { "value.action.verb is a number", "\"value\":{\"action\":{\"type\":\"Action.Execute\",\"verb\":3,\"data\":{}}}", "\"value.action.verb\" must be a string" },
        { "value.action.data is an array", "\"value\":{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"test.approve\",\"data\":[\"wf1\"]}}", "\"value.action.data\" must be an object" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Activity_WrongShape_Is400WithTheReasonAndNothingRuns(string name, string replacement, string reason)
    {
        var (channel, host) = (shared.Channel, shared.Host);
        using var bot = host.CreateClient();
        var refusals = host.Logs.Lines.Count(line => line.Contains(Refused, StringComparison.Ordinal));
        var presses = host.Buttons.Presses.Count;
        var body = Replace(Activities.Execute(channel, "test.approve", "wf1", "card-1"), replacement);

        using var response = await PostRawAsync(bot, body, channel.Token(channel.ServiceUrl));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode} {text}");
        Assert.Contains(reason, (string?)JsonNode.Parse(text)?["error"], StringComparison.Ordinal);
        var logged = host.Logs.Lines.Where(line => line.Contains(Refused, StringComparison.Ordinal)).ToList();
        Assert.Equal(refusals + 1, logged.Count);
        Assert.Contains(reason, logged[^1], StringComparison.Ordinal);
        Assert.Equal(presses, host.Buttons.Presses.Count);
        Assert.Empty(await host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery()));
    }

    [Fact]
    public async Task Activity_KeysThatDifferOnlyInCase_AreDistinct_AndThePressRuns()
    {
        var (channel, host) = (shared.Channel, shared.Host);
        using var bot = host.CreateClient();
        var presses = host.Buttons.Presses.Count;
        var body = Replace(Activities.Execute(channel, "test.approve", "wf2", "card-2"), "\"data\":{\"actionId\":\"test.approve\",\"ActionId\":\"test.rollback\",\"value\":\"wf2\",\"VALUE\":\"other\"}");

        using var response = await PostRawAsync(bot, body, channel.Token(channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(presses + 1, host.Buttons.Presses.Count);
        Assert.Equal("wf2", host.Buttons.Presses[^1].Button!.Value);
    }

    // Replaces the property the replacement starts with ("name":…) in the activity's JSON text, keeping the rest.
    private static string Replace(JsonObject activity, string replacement)
    {
        var name = replacement[..(replacement.IndexOf(':', StringComparison.Ordinal) + 1)];
        var text = activity.ToJsonString();
        var start = text.IndexOf(name, StringComparison.Ordinal);
        if (start < 0)
        {
            return text[..^1] + "," + replacement + "}";
        }

        var end = ValueEnd(text, start + name.Length);
        return text[..start] + replacement + text[end..];
    }

    // The index just after the JSON value starting at index (an object, array, string or scalar).
    private static int ValueEnd(string text, int index)
    {
        var depth = 0;
        var inString = false;
        for (var i = index; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                    if (depth == 0)
                    {
                        return i + 1;
                    }
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is '{' or '[')
            {
                depth++;
            }
            else if (c is '}' or ']')
            {
                if (depth == 0)
                {
                    return i;
                }

                if (--depth == 0)
                {
                    return i + 1;
                }
            }
            else if (c == ',' && depth == 0)
            {
                return i;
            }
        }

        return text.Length;
    }

    private static async Task<HttpResponseMessage> PostRawAsync(HttpClient bot, string body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await bot.SendAsync(request);
    }
}
