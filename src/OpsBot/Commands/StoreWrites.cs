namespace OpsBot.Commands;

/// <summary>
/// What the state store wrote for the request being handled (a button press, a command), so that a failure after a write
/// is never answered with "nothing was done". The pipeline opens a <see cref="StoreWriteLog"/> per request
/// (<see cref="Track"/>); the SQL stores mark each write that changes something a person asked for: <see cref="Writing"/>
/// before the statement or commit that makes it durable, <see cref="Written"/> once it returned. The log flows with the
/// request's async calls (an <see cref="AsyncLocal{T}"/>), so work of other requests, background batches and the bot's own
/// steps are not counted.
/// </summary>
public static class StoreWrites
{
    private static readonly AsyncLocal<StoreWriteLog?> Current = new();

    /// <summary>Starts a log for the request handled in the calling async flow (and the calls it makes).</summary>
    public static StoreWriteLog Track()
    {
        var log = new StoreWriteLog();
        Current.Value = log;
        return log;
    }

    /// <summary>What the request handled in the calling async flow has written so far (<see cref="StoreWriteOutcome.None"/> when untracked).</summary>
    public static StoreWriteOutcome Outcome => Current.Value?.Outcome ?? StoreWriteOutcome.None;

    /// <summary>A write is about to be sent: from here until <see cref="Written"/>, its outcome is not known if it fails.</summary>
    public static void Writing() => Current.Value?.Begin();

    /// <summary>The write sent by the last <see cref="Writing"/> is durable (committed).</summary>
    public static void Written() => Current.Value?.End(committed: true);

    /// <summary>The write sent by the last <see cref="Writing"/> changed nothing (another writer won; rolled back).</summary>
    public static void NotWritten() => Current.Value?.End(committed: false);
}
