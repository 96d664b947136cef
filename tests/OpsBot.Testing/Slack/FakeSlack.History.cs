using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsBot.Testing.Slack;

/// <summary>
/// <c>conversations.history</c> and <c>conversations.replies</c> over messages people wrote (<see cref="Say"/>), as Slack
/// checks them: the <c>channels:history</c> scope (else <c>missing_scope</c>), a channel that exists (else
/// <c>channel_not_found</c>), and <c>latest</c>/<c>oldest</c> bounds that leave the message out unless <c>inclusive</c>.
/// https://docs.slack.dev/reference/methods/conversations.history and …/conversations.replies
/// </summary>
public sealed partial class FakeSlack
{
    private const string ReadHistory = "channels:history";
    private long _nextHuman;

    /// <summary>What people wrote: channel → (ts, user, text).</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<(string Ts, string User, string Text)>> PeopleSaid { get; } = new(StringComparer.Ordinal);

    /// <summary>A message <paramref name="user"/> wrote in <paramref name="channel"/>; returns its ts.</summary>
    public string Say(string channel, string user, string text)
    {
        var ts = "1800000000." + Interlocked.Increment(ref _nextHuman).ToString("D6", CultureInfo.InvariantCulture);
        PeopleSaid.GetOrAdd(channel, _ => new()).Enqueue((ts, user, text));
        return ts;
    }

    private (string?, JsonObject) History(JsonObject arguments, bool replies)
    {
        if (!Scopes.ContainsKey(ReadHistory))
        {
            return ("missing_scope", new JsonObject { ["needed"] = ReadHistory });
        }

        var channel = Text(arguments["channel"]);
        if (channel is null || !PeopleSaid.TryGetValue(channel, out var said))
        {
            return ("channel_not_found", []);
        }

        var inclusive = Text(arguments["inclusive"]) is "true" or "1";
        bool Within(string ts)
        {
            if (replies)
            {
                return ts == Text(arguments["ts"]);
            }

            var latest = Text(arguments["latest"]);
            var oldest = Text(arguments["oldest"]);
            var afterOldest = oldest is null || string.CompareOrdinal(ts, oldest) > 0 || (inclusive && ts == oldest);
            var beforeLatest = latest is null || string.CompareOrdinal(ts, latest) < 0 || (inclusive && ts == latest);
            return afterOldest && beforeLatest;
        }

        var messages = new JsonArray([.. said.Where(message => Within(message.Ts)).Select(message => (JsonNode)new JsonObject
        {
            ["type"] = "message",
            ["user"] = message.User,
            ["text"] = message.Text,
            ["ts"] = message.Ts,
        })]);
        return replies && messages.Count == 0 ? ("thread_not_found", []) : (null, new JsonObject { ["messages"] = messages, ["has_more"] = false });
    }

    // Form posts carry strings, JSON bodies booleans and numbers: compare as text.
    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString().ToLowerInvariant(),
    };
}
