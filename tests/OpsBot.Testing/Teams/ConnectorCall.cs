using System.Text.Json.Nodes;

namespace OpsBot.Testing.Teams;

/// <summary>One call the bot made to the fake Bot Connector, and how the fake answered it.</summary>
public sealed record ConnectorCall(string Method, string Path, JsonObject? Body, int Status)
{
    public bool Accepted => Status is >= 200 and < 300;

    /// <summary>The call was carried out although it was answered with an error (an injected "applied then 502").</summary>
    public bool AppliedDespiteError { get; init; }

    /// <summary>The call changed something on the fake's side: accepted, or applied before an error answer.</summary>
    public bool Applied => Accepted || AppliedDespiteError;

    /// <summary>When the fake received the call, on its own stopwatch (<see cref="FakeBotFrameworkChannel.Elapsed"/>).</summary>
    public TimeSpan ReceivedAt { get; init; }

    /// <summary>The activity id the fake answered with (null when refused; the written id when applied then failed).</summary>
    public string? ActivityId { get; init; }

    /// <summary>The Adaptive Cards the activity carries.</summary>
    public IEnumerable<JsonObject> Cards =>
        (Body?["attachments"] as JsonArray ?? (Body?["activity"]?["attachments"] as JsonArray) ?? [])
        .OfType<JsonObject>()
        .Where(attachment => (string?)attachment["contentType"] == "application/vnd.microsoft.card.adaptive")
        .Select(attachment => attachment["content"]!.AsObject());
}
