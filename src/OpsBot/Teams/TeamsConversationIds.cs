namespace OpsBot.Teams;

/// <summary>
/// Teams conversation ids: a channel thread is <c>19:…@thread.tacv2;messageid=ROOT</c>. OpsBot keys
/// channels (authorization, references, links) by the id without the suffix and adds it back to post
/// into a thread. https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations
/// </summary>
public static class TeamsConversationIds
{
    private const string ThreadMarker = ";messageid=";

    /// <summary>The conversation id without a thread suffix.</summary>
    public static string Base(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var marker = conversationId.IndexOf(ThreadMarker, StringComparison.Ordinal);
        return marker < 0 ? conversationId : conversationId[..marker];
    }

    /// <summary>The root message id of a channel thread, or <see langword="null"/>.</summary>
    public static string? ThreadRoot(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var marker = conversationId.IndexOf(ThreadMarker, StringComparison.Ordinal);
        return marker < 0 ? null : conversationId[(marker + ThreadMarker.Length)..];
    }

    /// <summary>The conversation to call for a message in <paramref name="threadRoot"/> (channels only have threads).</summary>
    public static string ForThread(ConversationReference reference, string? threadRoot)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.IsChannel && !string.IsNullOrEmpty(threadRoot)
            ? reference.ConversationId + ThreadMarker + threadRoot
            : reference.ConversationId;
    }
}
