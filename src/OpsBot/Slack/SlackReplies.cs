using OpsBot.Chat;
using OpsBot.Chat.Messages;

namespace OpsBot.Slack;

/// <summary>The few replies the Slack adapter writes itself.</summary>
public static class SlackReplies
{
    /// <summary>The pipeline failed unexpectedly; the correlation id finds the log entry.</summary>
    public static ChatReply Failed(string correlationId)
    {
        var text = $"Something went wrong; it has been logged (correlation id {correlationId}).";
        return new ChatReply(new ChatMessage(text) { Blocks = [new SectionBlock(text)] }) { Ephemeral = true };
    }
}
