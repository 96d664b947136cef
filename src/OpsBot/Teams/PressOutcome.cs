using System.Text.Json.Nodes;
using OpsBot.Chat;

namespace OpsBot.Teams;

/// <summary>What a button press in Teams leads to: a card that replaces the pressed one, or a reply to post.</summary>
/// <param name="Card">The replacement card, when the card changes in place.</param>
/// <param name="Reply">The pipeline's reply, when it is a message of its own (or a private notice).</param>
/// <param name="Subject">What the replacement card shows (<c>workflow:…</c>), to link the card to.</param>
public sealed record PressOutcome(JsonObject? Card, ChatReply? Reply, string? Subject = null);
