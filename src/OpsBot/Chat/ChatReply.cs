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

    /// <summary>
    /// For a button press: the reply replaces the message that carried the button (an approval card
    /// becomes "Approved by bob"), instead of being posted as a new message.
    /// </summary>
    public bool ReplaceOriginal { get; init; }

    /// <summary>
    /// What the message is about when later events will update it or follow it up (<c>workflow:3f2a…</c>).
    /// An adapter that posts a reply with a subject links the posted message to it through
    /// <see cref="Delivery.IChatNotifier.LinkAsync"/>, so that updates reach every copy, on every platform.
    /// </summary>
    public string? Subject { get; init; }
}
