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

    /// <summary>The state store could not be reached before the ack: nothing was run.</summary>
    public static ChatReply StoreUnavailable(string commandText)
    {
        var text = $"OpsBot could not take \"{(commandText.Length <= 200 ? commandText : commandText[..199] + "…")}\" right now: its database is not answering (restarting?). Nothing was run; try again in a minute.";
        return new ChatReply(new ChatMessage(text) { Blocks = [new SectionBlock(text)] }) { Ephemeral = true };
    }

    /// <summary>A button press arrived while the state store could not be reached: it was not taken, nothing was done.</summary>
    public static ChatReply PressNotRecorded()
    {
        const string text = "That press could not be recorded: OpsBot's database is not answering (restarting?). Nothing was done; press the button again in a minute.";
        return new ChatReply(new ChatMessage(text) { Blocks = [new SectionBlock(text)] }) { Ephemeral = true };
    }
}
