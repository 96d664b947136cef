using System.Data.Common;
using System.Text;
using System.Text.Json.Nodes;
using OpsBot.Commands;
using OpsBot.Storage.Sql;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;

namespace OpsBot.Incidents;

/// <summary>
/// <see cref="IIncidentStore"/> in SQL (SQLite or PostgreSQL, the same statements), with the semantics of
/// <see cref="InMemoryIncidentStore"/>: an update lands only if the stored version is still the expected one, so of many
/// replicas pressing Resolve exactly one write wins. Ids come from a per-year counter row bumped atomically
/// (<c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>); the channels an incident is worked in are a side table written in
/// the same transaction as the incident, so "which incident is this channel's" is one indexed lookup.
/// </summary>
public sealed class SqlIncidentStore(StoreDatabase database) : IIncidentStore
{
    private const string Columns =
        "id, year, number, title, severity, state, version, cluster, namespace, commander, declared_at, declared_offset, updated_at, updated_offset, "
        + "ended_at, ended_offset, next_reminder_at, next_reminder_offset, channel_keys, data";

    private const string Newest = " ORDER BY declared_at DESC, year DESC, number DESC";

    // https://www.sqlite.org/lang_upsert.html, https://www.sqlite.org/lang_returning.html (3.35+), and PostgreSQL's ON CONFLICT … RETURNING:
    // the row lock of the upsert serialises concurrent callers, so each gets its own number.
    private const string Allocate = """
        INSERT INTO incident_counters (year, last_number) VALUES (@year, 1)
        ON CONFLICT (year) DO UPDATE SET last_number = incident_counters.last_number + 1
        RETURNING last_number
        """;

    private const string Insert = $"""
        INSERT INTO incidents ({Columns})
        VALUES (@id, @year, @number, @title, @severity, @state, 1, @cluster, @namespace, @commander, @declared_at, @declared_offset, @updated_at, @updated_offset,
            @ended_at, @ended_offset, @next_reminder_at, @next_reminder_offset, @channel_keys, @data)
        ON CONFLICT (id) DO NOTHING
        """;

    private static readonly string Update = OptimisticUpdate.Sql("incidents", """
        title = @title, severity = @severity, state = @state, cluster = @cluster, namespace = @namespace,
            commander = @commander, declared_at = @declared_at, declared_offset = @declared_offset, updated_at = @updated_at, updated_offset = @updated_offset,
            ended_at = @ended_at, ended_offset = @ended_offset, next_reminder_at = @next_reminder_at, next_reminder_offset = @next_reminder_offset,
            channel_keys = @channel_keys, data = @data
        """, "id = @id");

    public async Task<IncidentId> AllocateIdAsync(int year, CancellationToken cancellationToken = default)
    {
        return await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand(Allocate).With("year", year);
            var number = Convert.ToInt32(await command.ExecuteScalarAsync(token).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            return new IncidentId(year, number);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task CreateAsync(IncidentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await database.RunAsync(async (connection, token) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(token).ConfigureAwait(false);
            StoreWrites.Writing();
            await using (var command = Bind(connection.CreateCommand(Insert, transaction), record))
            {
                if (await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 0)
                {
                    throw new InvalidOperationException($"Incident {record.Id} already exists.");
                }
            }

            await WriteChannelsAsync(connection, transaction, record, token).ConfigureAwait(false);
            await transaction.CommitAsync(token).ConfigureAwait(false);
            StoreWrites.Written();
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IncidentRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand($"SELECT {Columns} FROM incidents WHERE id = @id").With("id", id);
            var records = await ReadAsync(command, token).ConfigureAwait(false);
            return records.Count == 0 ? null : records[0];
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IncidentRecord?> TryUpdateAsync(IncidentRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var updated = await database.TryUpdateAsync(Update, command => Bind(command, record), expectedVersion, async (connection, transaction, token) =>
        {
            await using (var delete = connection.CreateCommand("DELETE FROM incident_channels WHERE incident_id = @id", transaction).With("id", record.Id))
            {
                await delete.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }

            await WriteChannelsAsync(connection, transaction, record, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return updated ? record with { Version = expectedVersion + 1 } : null;
    }

    public async Task<IReadOnlyList<IncidentRecord>> ListAsync(IncidentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit <= 0)
        {
            return [];
        }

        return await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand(string.Empty);
            var sql = new StringBuilder($"SELECT {Columns} FROM incidents WHERE 1 = 1");
            command.AndIn(sql, "state", query.States);

            if (query.DeclaredSince is { } since)
            {
                sql.Append(" AND declared_at >= @declared_since");
                command.With("declared_since", database.ToTimeValue(since));
            }

            if (query.LiveSince is { } live)
            {
                sql.Append(" AND (ended_at IS NULL OR ended_at >= @live_since)");
                command.With("live_since", database.ToTimeValue(live));
            }

            if (query.ReminderDueBy is { } by)
            {
                sql.Append(" AND next_reminder_at IS NOT NULL AND next_reminder_at <= @reminder_due_by");
                command.With("reminder_due_by", database.ToTimeValue(by));
            }

            command.CommandText = sql.Append(Newest).Append(" LIMIT @limit").ToString();
            command.With("limit", query.Limit);
            return await ReadAsync(command, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IncidentRecord?> FindByChannelAsync(string channelKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channelKey);
        return await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand(
                $"SELECT {Columns} FROM incidents WHERE id IN (SELECT incident_id FROM incident_channels WHERE channel_key = @channel_key){Newest} LIMIT 1")
                .With("channel_key", channelKey);
            var records = await ReadAsync(command, token).ConfigureAwait(false);
            return records.Count == 0 ? null : records[0];
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteChannelsAsync(DbConnection connection, DbTransaction transaction, IncidentRecord record, CancellationToken cancellationToken)
    {
        foreach (var key in record.ChannelKeys.Distinct(StringComparer.Ordinal))
        {
            await using var insert = connection.CreateCommand("INSERT INTO incident_channels (channel_key, incident_id) VALUES (@channel_key, @id)", transaction)
                .With("channel_key", key)
                .With("id", record.Id);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private DbCommand Bind(DbCommand command, IncidentRecord record) => command
        .With("id", record.Id)
        .With("year", record.Year)
        .With("number", record.Number)
        .With("title", record.Title)
        .With("severity", record.Severity)
        .With("state", record.State)
        .With("cluster", record.Cluster)
        .With("namespace", record.Namespace)
        .With("commander", record.Commander)
        .With("declared_at", database.ToTimeValue(record.DeclaredAt))
        .With("declared_offset", StoredTime.OffsetMinutes(record.DeclaredAt))
        .With("updated_at", database.ToTimeValue(record.UpdatedAt))
        .With("updated_offset", StoredTime.OffsetMinutes(record.UpdatedAt))
        .With("ended_at", record.EndedAt is { } ended ? database.ToTimeValue(ended) : null)
        .With("ended_offset", record.EndedAt is { } endedOffset ? StoredTime.OffsetMinutes(endedOffset) : null)
        .With("next_reminder_at", record.NextReminderAt is { } next ? database.ToTimeValue(next) : null)
        .With("next_reminder_offset", record.NextReminderAt is { } nextOffset ? StoredTime.OffsetMinutes(nextOffset) : null)
        .With("channel_keys", new JsonArray([.. record.ChannelKeys.Select(key => (JsonNode?)JsonValue.Create(key))]).ToJsonString())
        .With("data", record.Data);

    private async Task<IReadOnlyList<IncidentRecord>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var records = new List<IncidentRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new IncidentRecord
            {
                Id = reader.GetString(0),
                Year = reader.GetInt32(1),
                Number = reader.GetInt32(2),
                Title = reader.GetString(3),
                Severity = reader.GetString(4),
                State = reader.GetString(5),
                Version = reader.GetInt64(6),
                Cluster = reader.GetNullableString(7),
                Namespace = reader.GetString(8),
                Commander = reader.GetString(9),
                DeclaredAt = database.ReadTime(reader, 10, 11),
                UpdatedAt = database.ReadTime(reader, 12, 13),
                EndedAt = reader.IsDBNull(14) ? null : database.ReadTime(reader, 14, 15),
                NextReminderAt = reader.IsDBNull(16) ? null : database.ReadTime(reader, 16, 17),
                ChannelKeys = ChannelKeys(reader.GetString(18)),
                Data = reader.GetString(19),
            });
        }

        return records;
    }

    private static List<string> ChannelKeys(string json) =>
        JsonNode.Parse(json) is JsonArray keys
            ? [.. keys.Select(key => (string?)key ?? throw new InvalidDataException("An incident's channel key is null."))]
            : throw new InvalidDataException("An incident's channel keys are not a JSON array.");
}
