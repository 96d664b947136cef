namespace OpsBot.Commands;

/// <summary>
/// What a person is told when the state store stopped answering while their command or press was handled, from what it
/// had written by then (<see cref="StoreWriteOutcome"/>): "nothing was done" only when nothing was sent to the store; a
/// change that committed is said to be recorded, and one whose answer was lost is said to be unknown — never the
/// reassurance that invites a second press of something that already happened.
/// </summary>
public static class StoreDownReplies
{
    private const string Down = "OpsBot's database stopped answering (restarting?)";

    /// <summary>The reply to a button press; <paramref name="statusCommand"/> shows where its subject stands (<c>/workflow show ID</c>).</summary>
    public static string Press(StoreWriteOutcome outcome, string? statusCommand)
    {
        var check = statusCommand is null ? "Check where it stands before pressing again." : $"Check where it stands with {statusCommand} before pressing again.";
        return outcome switch
        {
            StoreWriteOutcome.Committed => $"That press was recorded, but {Down} before the rest of it was done, so this reply could not show the result. {check}",
            StoreWriteOutcome.Unknown => $"It is not known whether that press was recorded: {Down} while it was being saved. {check}",
            _ => "That press could not be recorded: OpsBot's database is not answering (restarting?). Nothing was done; press it again in a minute.",
        };
    }

    /// <summary>The reply to a command (<paramref name="command"/>: its display name, <c>/incident update</c>).</summary>
    public static string Command(string command, StoreWriteOutcome outcome) => outcome switch
    {
        StoreWriteOutcome.Committed => $"{command} was recorded, but {Down} before the rest of it was done, so its answer could not be shown. Check where it stands before running it again.",
        StoreWriteOutcome.Unknown => $"It is not known whether {command} was recorded: {Down} while it was being saved. Check where it stands before running it again.",
        _ => $"OpsBot could not run {command}: its database is not answering (restarting?). Nothing was done; try again in a minute.",
    };
}
