namespace OpsBot.Console;

/// <summary>One message of a console channel's feed, rendered once when posted (or replaced).</summary>
/// <param name="Id">Stable id (<c>m42.3fa9c1</c>, unique across restarts): buttons of the message send it back, updates address it.</param>
/// <param name="Sequence">The channel's change counter at the last post or replace: pollers ask for what is newer.</param>
/// <param name="User">Who caused it (the console user who ran the command or pressed the button); null for the bot's own posts.</param>
/// <param name="Command">What that user typed, or the button they pressed; null for the bot's own posts.</param>
/// <param name="Time">When it was posted or last replaced.</param>
/// <param name="Text">The plain-text rendering.</param>
/// <param name="MessageJson">The <see cref="Chat.Messages.ChatMessage"/> as JSON, with its buttons.</param>
/// <param name="Html">The HTML rendering (every text encoded by the HtmlRenderer).</param>
/// <param name="Updated">Whether it was replaced since it was posted (a workflow card that moved on).</param>
/// <param name="ThreadId">The message this one follows up, if any.</param>
public sealed record ConsoleFeedEntry(
    string Id,
    long Sequence,
    string? User,
    string? Command,
    DateTimeOffset Time,
    string Text,
    string MessageJson,
    string Html,
    bool Updated,
    string? ThreadId);
