using System.Collections.Concurrent;

namespace OpsBot.Chat.Delivery;

/// <summary>
/// The <see cref="IUnansweredCommandJournal"/> of a bot without a database: nothing survives its process, so there is
/// never anything interrupted to take; claims go to the <see cref="IClaimStore"/>.
/// </summary>
public sealed class InMemoryUnansweredCommandJournal(IClaimStore claims) : IUnansweredCommandJournal
{
    private readonly ConcurrentDictionary<string, UnansweredCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>Commands recorded and not answered (tests).</summary>
    public int Count => _commands.Count;

    public async Task<bool> ClaimAsync(string claimKey, TimeSpan ttl, UnansweredCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!await claims.TryClaimAsync(claimKey, ttl, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        _commands.TryAdd(command.Id, command);
        return true;
    }

    public Task RecordAsync(UnansweredCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        _commands.TryAdd(command.Id, command);
        return Task.CompletedTask;
    }

    public Task AnsweredAsync(string id, CancellationToken cancellationToken = default)
    {
        _commands.TryRemove(id, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<UnansweredCommand>> TakeInterruptedAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<UnansweredCommand>>([]);
}
