using OpsBot.Chat;

namespace OpsBot.Slack;

/// <summary>
/// The race between a slash command's reply and its "working…" placeholder: whichever comes first wins,
/// so a placeholder is never posted after the reply, and the reply knows whether it must replace one.
/// </summary>
internal sealed class PendingCommand
{
    private const int Open = 0;
    private const int PlaceholderClaimed = 1;
    private const int ReplyClaimed = 2;

    private readonly TaskCompletionSource _placeholderPosted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    /// <summary>The pipeline's reply.</summary>
    public TaskCompletionSource<ChatReply> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the ack carried the reply (then nothing else is delivered).</summary>
    public TaskCompletionSource<bool> AnsweredInAck { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The placeholder may be shown: the reply has not claimed the response yet.</summary>
    public bool TryClaimPlaceholder() => Interlocked.CompareExchange(ref _state, PlaceholderClaimed, Open) == Open;

    /// <summary>The placeholder's POST finished (successfully or not).</summary>
    public void PlaceholderPosted() => _placeholderPosted.TrySetResult();

    /// <summary>For the reply: whether a placeholder is on screen (waiting for its POST to finish first).</summary>
    public async Task<bool> PlaceholderShownAsync()
    {
        if (Interlocked.CompareExchange(ref _state, ReplyClaimed, Open) == Open)
        {
            return false;
        }

        await _placeholderPosted.Task.ConfigureAwait(false);
        return true;
    }
}
