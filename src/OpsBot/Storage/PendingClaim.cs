using System.Data.Common;

namespace OpsBot.Storage;

/// <summary>A claim (or a plain write) waiting for <see cref="SqlClaimStore"/>'s next batch, and its caller's answer.</summary>
internal sealed class PendingClaim(string? key, TimeSpan ttl, Func<DbConnection, DbTransaction, Task>? whenWon = null)
{
    /// <summary>The key claimed; <see langword="null"/> for a write that claims nothing (<see cref="WhenWon"/> always runs).</summary>
    public string? Key { get; } = key;

    public TimeSpan Ttl { get; } = ttl;

    /// <summary>Written in the same transaction when the claim is won, so that both land or neither does.</summary>
    public Func<DbConnection, DbTransaction, Task>? WhenWon { get; } = whenWon;

    /// <summary>Whether this caller won the claim, set once the batch holding it has committed.</summary>
    public TaskCompletionSource<bool> Won { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
