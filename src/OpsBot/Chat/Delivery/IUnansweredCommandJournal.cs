namespace OpsBot.Chat.Delivery;

/// <summary>
/// The commands acked and not answered yet, kept where a crash does not lose them (the state store), so that after a
/// restart every requester gets an answer or is told: a platform does not send an acked command again (Slack never
/// retries a slash command that was acked), so without this a command in flight at a crash is lost silently.
/// </summary>
public interface IUnansweredCommandJournal
{
    /// <summary>
    /// Claims a delivery (like <see cref="IClaimStore.TryClaimAsync"/>) and, when this caller wins, records
    /// <paramref name="command"/> in the same write, so that there is no moment when it is claimed and not recorded.
    /// Cheap in a burst (written together with the other claims).
    /// </summary>
    /// <returns><see langword="true"/> for exactly one caller; <see langword="false"/> for a redelivery (nothing recorded).</returns>
    Task<bool> ClaimAsync(string claimKey, TimeSpan ttl, UnansweredCommand command, CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="command"/> without claiming (a second record of one id changes nothing).</summary>
    Task RecordAsync(UnansweredCommand command, CancellationToken cancellationToken = default);

    /// <summary>The command was answered (or will not be, on purpose): forgets it.</summary>
    Task AnsweredAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes (removes and returns, to one caller on one replica) the commands recorded by processes that are gone: the
    /// requesters of these must be told.
    /// </summary>
    Task<IReadOnlyList<UnansweredCommand>> TakeInterruptedAsync(CancellationToken cancellationToken = default);
}
