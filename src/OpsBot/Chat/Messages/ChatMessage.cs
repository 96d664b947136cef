using System.Text.Json.Serialization;

namespace OpsBot.Chat.Messages;

/// <summary>
/// A platform-neutral reply. Every command handler builds one; the renderers turn it into Slack
/// Block Kit, a Teams Adaptive Card or console HTML, enforcing each platform's limits and escaping.
/// </summary>
/// <example>
/// <code>
/// new ChatMessage("frontend: 3 of 5 pods crash-looping")
/// {
///     Header = "Triage: deploy/frontend",
///     Blocks =
///     [
///         new SectionBlock(RichText.Bold(pod) + " restarted " + count + " times"),
///         new CodeBlock(logTail),
///         new ActionsBlock([new ChatButton("workflow.approve", "Approve", workflowId) { Style = ButtonStyle.Primary }]),
///     ],
/// };
/// </code>
/// </example>
public sealed record ChatMessage
{
    [JsonConstructor]
    public ChatMessage(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Text = text;
    }

    /// <summary>Fallback and notification text: what a phone shows and what plain clients print. Required.</summary>
    public string Text { get; }

    /// <summary>A short title.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Header { get; init; }

    public IReadOnlyList<MessageBlock> Blocks { get; init; } = [];

    /// <summary>Groups replies into a thread (Slack <c>thread_ts</c>, Teams reply chain), when set.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ThreadKey { get; init; }

    /// <summary>Every button of the message, in order.</summary>
    [JsonIgnore]
    public IEnumerable<ChatButton> Buttons => Blocks.OfType<ActionsBlock>().SelectMany(block => block.Buttons);
}
