using System.Data.Common;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Storage.Sql;

namespace OpsBot.Storage;

/// <summary>
/// The persistent <see cref="IUnansweredCommandJournal"/>: one row per command acked and not answered, owned by the
/// process that acked it. The row is written in the same transaction as the delivery's claim, in the database's group
/// commit (<see cref="SqlGroupCommit"/>), so the ack waits for no commit of its own; answered rows are deleted by
/// deferred writes that ride in later batches.
/// Rows of other processes are interrupted: on SQLite (one process per database file) at once; on PostgreSQL (several
/// replicas) once older than <see cref="ReplicaGrace"/>, by which time a live replica has long answered them.
/// </summary>
public sealed class SqlUnansweredCommandJournal : IUnansweredCommandJournal, IAsyncDisposable
{
    /// <summary>
    /// On PostgreSQL, how old another process's row must be to count as interrupted: more than a command's timeout
    /// (<c>Commands:Timeout</c>, 30 s) and its delivery's retries, well within Slack's 30 minutes for a <c>response_url</c>.
    /// </summary>
    public static readonly TimeSpan ReplicaGrace = TimeSpan.FromMinutes(2);

    private const string Columns = "id, platform, owner, user_id, channel_id, command_text, reply_to, received_at, received_offset";

    private readonly StoreDatabase _database;
    private readonly IClaimStore _claims;
    private readonly TimeProvider _time;

    public SqlUnansweredCommandJournal(StoreDatabase database, IClaimStore claims, TimeProvider time)
    {
        _database = database;
        _claims = claims;
        _time = time;
        // Only a process that has been SIGKILLed leaves rows behind, and a new process is a new owner.
        Owner = Guid.NewGuid().ToString("N");
    }

    /// <summary>This process's mark on its rows.</summary>
    public string Owner { get; }

    public async Task<bool> ClaimAsync(string claimKey, TimeSpan ttl, UnansweredCommand command, CancellationToken cancellationToken = default)
    {
        Validate(command);
        if (_claims is SqlClaimStore batched)
        {
            return await batched.TryClaimAsync(claimKey, ttl, (connection, transaction) => InsertAsync(connection, transaction, command), cancellationToken).ConfigureAwait(false);
        }

        // Another claim store (a host's own): claim, then record.
        if (!await _claims.TryClaimAsync(claimKey, ttl, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await RecordAsync(command, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task RecordAsync(UnansweredCommand command, CancellationToken cancellationToken = default)
    {
        Validate(command);
        return _database.GroupCommit.WriteAsync((connection, transaction) => InsertAsync(connection, transaction, command), cancellationToken);
    }

    public Task AnsweredAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        // Nobody waits for it: it rides in a later batch (within a second), so answers cost the next acks no commit.
        // Lost only if the process dies within that second: then the requester gets a needless notice, no more.
        _database.GroupCommit.WriteDeferred((connection, transaction) => DeleteAsync(connection, transaction, id));
        return Task.CompletedTask;
    }

    /// <summary>Writes the deferred deletes of answered commands now (at shutdown, so a clean restart sends no needless notice).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _database.GroupCommit.FlushAsync(cancellationToken);

    /// <summary>At host shutdown (after the replies in progress were delivered): the last deletes are written.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        catch (Exception error) when (error is DbException or InvalidOperationException or ObjectDisposedException)
        {
            // The store is gone already: the next process sends a needless notice for these, no more.
        }
    }

    public async Task<IReadOnlyList<UnansweredCommand>> TakeInterruptedAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = _database.Provider == StorageProviders.Sqlite ? _time.GetUtcNow() : _time.GetUtcNow() - ReplicaGrace;
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One statement: on PostgreSQL two replicas sweeping together each get a row or nothing, never both the same.
        await using var take = connection.CreateCommand($"""
            DELETE FROM unanswered_commands WHERE owner <> @owner AND received_at <= @cutoff
            RETURNING {Columns}
            """)
            .With("owner", Owner)
            .With("cutoff", _database.ToTimeValue(cutoff));
        var taken = new List<UnansweredCommand>();
        await using var reader = await take.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // A platform this version does not know (a newer one wrote it) is skipped: nobody could tell its user anyway.
            if (Enum.TryParse<ChatPlatform>(reader.GetString(1), out var platform))
            {
                taken.Add(new UnansweredCommand(reader.GetString(0), platform, reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), _database.ReadTime(reader, 7, 8)));
            }
        }

        return taken.OrderBy(command => command.ReceivedAt).ToList();
    }

    private async Task InsertAsync(DbConnection connection, DbTransaction transaction, UnansweredCommand command)
    {
        await using var insert = connection.CreateCommand($"""
            INSERT INTO unanswered_commands ({Columns})
            VALUES (@id, @platform, @owner, @user_id, @channel_id, @command_text, @reply_to, @received_at, @received_offset)
            ON CONFLICT (id) DO NOTHING
            """, transaction)
            .With("id", command.Id)
            .With("platform", command.Platform.ToString())
            .With("owner", Owner)
            .With("user_id", command.UserId)
            .With("channel_id", command.ChannelId)
            .With("command_text", command.CommandText.Length <= UnansweredCommand.MaxCommandTextLength ? command.CommandText : command.CommandText[..UnansweredCommand.MaxCommandTextLength])
            .With("reply_to", command.ReplyTo)
            .With("received_at", _database.ToTimeValue(command.ReceivedAt))
            .With("received_offset", StoredTime.OffsetMinutes(command.ReceivedAt));
        await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task DeleteAsync(DbConnection connection, DbTransaction transaction, string id)
    {
        await using var delete = connection.CreateCommand("DELETE FROM unanswered_commands WHERE id = @id", transaction).With("id", id);
        await delete.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static void Validate(UnansweredCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentException.ThrowIfNullOrEmpty(command.Id);
    }
}
