using System.Text.Json.Nodes;
using OpsBot.Chat.Messages;

namespace OpsBot.Chat;

/// <summary>What the pipeline answers: a message to render, and for reports the structured data behind it.</summary>
public sealed record ChatReply(ChatMessage Message)
{
    /// <summary>Only the requester sees it (Slack ephemeral); errors and help are private by default.</summary>
    public bool Ephemeral { get; init; }

    /// <summary>The structured report (e.g. triage findings) the console API returns beside the message.</summary>
    public JsonNode? Report { get; init; }
}
