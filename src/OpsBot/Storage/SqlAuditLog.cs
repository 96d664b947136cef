using System.Data.Common;
using System.Text;
using OpsBot.Audit;
using OpsBot.Chat;
using OpsBot.Storage.Sql;

namespace OpsBot.Storage;

/// <summary>
/// The persistent <see cref="IAuditLog"/>: every entry kept (no capacity limit), read back newest first
/// (by time, then by the order recorded). Platform and outcome are stored by name, so the table reads
/// plainly in <c>psql</c> / <c>sqlite3</c> and survives enum reordering.
/// </summary>
public sealed class SqlAuditLog(StoreDatabase database) : IAuditLog
{
    private const string Insert = """
        INSERT INTO audit_entries (occurred_at, occurred_offset, platform, user_id, channel, command_text, outcome, detail, correlation_id, subject)
        VALUES (@occurred_at, @occurred_offset, @platform, @user_id, @channel, @command_text, @outcome, @detail, @correlation_id, @subject)
        """;

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // In the group commit: each pipeline worker's entry rides with the burst's claims instead of a commit of its own
        // (on SQLite a commit of its own blocked a thread through its fsync and lock wait; see SqlGroupCommit).
        await database.GroupCommit.WriteAsync((connection, transaction) => InsertAsync(database, connection, transaction, entry, CancellationToken.None), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="entry"/> on <paramref name="connection"/>, inside <paramref name="transaction"/> when given (another store's commit).</summary>
    internal static async Task InsertAsync(StoreDatabase database, DbConnection connection, DbTransaction? transaction, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(Insert, transaction)
            .With("occurred_at", database.ToTimeValue(entry.Time))
            .With("occurred_offset", StoredTime.OffsetMinutes(entry.Time))
            .With("platform", entry.Platform.ToString())
            .With("user_id", entry.User)
            .With("channel", entry.Channel)
            .With("command_text", entry.CommandText)
            .With("outcome", entry.Outcome.ToString())
            .With("detail", entry.Detail)
            .With("correlation_id", entry.CorrelationId)
            .With("subject", entry.Subject);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit <= 0)
        {
            return [];
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(string.Empty);
        var sql = new StringBuilder("""
            SELECT occurred_at, occurred_offset, platform, user_id, channel, command_text, outcome, detail, correlation_id, subject
            FROM audit_entries WHERE 1 = 1
            """);
        if (query.Since is { } since)
        {
            sql.Append(" AND occurred_at >= @since");
            command.With("since", database.ToTimeValue(since));
        }

        if (query.User is { } user)
        {
            sql.Append(" AND user_id = @user_id");
            command.With("user_id", user);
        }

        if (query.Subject is { } subject)
        {
            sql.Append(" AND subject = @subject");
            command.With("subject", subject);
        }

        command.CommandText = sql.Append(" ORDER BY occurred_at DESC, id DESC LIMIT @limit").ToString();
        command.With("limit", query.Limit);
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(
                database.ReadTime(reader, 0, 1),
                Enum.Parse<ChatPlatform>(reader.GetString(2)),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                Enum.Parse<AuditOutcome>(reader.GetString(6)),
                reader.GetNullableString(7),
                reader.GetString(8))
            {
                Subject = reader.GetNullableString(9),
            });
        }

        return entries;
    }
}
