namespace OpsBot.Storage;

/// <summary>A claim waiting for <see cref="SqlClaimStore"/>'s next batch, and its caller's answer.</summary>
internal sealed class PendingClaim(string key, TimeSpan ttl)
{
    public string Key { get; } = key;

    public TimeSpan Ttl { get; } = ttl;

    /// <summary>Whether this caller won the claim, set once the batch holding it has committed.</summary>
    public TaskCompletionSource<bool> Won { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
