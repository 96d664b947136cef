using System.Data.Common;
using System.Text;
using OpsBot.Audit;
using OpsBot.Commands;
using OpsBot.Storage.Sql;
using OpsBot.Workflows.Persistence;

namespace OpsBot.Storage;

/// <summary>
/// <see cref="IWorkflowStore"/> in SQL, with the semantics of <see cref="InMemoryWorkflowStore"/>: an update
/// lands only if the stored version is still the expected one (<see cref="OptimisticUpdate"/>),
/// so of many simultaneous approvals on any replicas exactly one wins. Times come back to the microsecond. Given an
/// <see cref="IWorkflowCommitAudit"/> (the audit log is in the same database), a version's audit entries are written in
/// its transaction.
/// </summary>
public sealed class SqlWorkflowStore(StoreDatabase database, IWorkflowCommitAudit? audit = null) : IWorkflowStore
{
    private const string Columns =
        "id, kind, state, version, cluster, namespace, target, requested_by, created_at, created_offset, updated_at, updated_offset, expires_at, expires_offset, data";

    private const string Insert = $"""
        INSERT INTO workflows ({Columns})
        VALUES (@id, @kind, @state, 1, @cluster, @namespace, @target, @requested_by, @created_at, @created_offset, @updated_at, @updated_offset, @expires_at, @expires_offset, @data)
        ON CONFLICT (id) DO NOTHING
        """;

    private static readonly string Update = OptimisticUpdate.Sql("workflows", """
        kind = @kind, state = @state, cluster = @cluster, namespace = @namespace,
            target = @target, requested_by = @requested_by, created_at = @created_at, created_offset = @created_offset,
            updated_at = @updated_at, updated_offset = @updated_offset, expires_at = @expires_at, expires_offset = @expires_offset, data = @data
        """, "id = @id");

    public async Task CreateAsync(WorkflowRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entries = AuditEntriesOf(record);
        await database.RunAsync(async (connection, token) =>
        {
            await using var transaction = entries.Count == 0 ? null : await connection.BeginTransactionAsync(token).ConfigureAwait(false);
            await using var command = Bind(connection.CreateCommand(Insert, transaction), record);
            StoreWrites.Writing();
            if (await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 0)
            {
                throw new InvalidOperationException($"Workflow {record.Id} already exists.");
            }

            if (transaction is not null)
            {
                await WriteAuditAsync(connection, transaction, entries, token).ConfigureAwait(false);
                await transaction.CommitAsync(token).ConfigureAwait(false);
            }

            StoreWrites.Written();
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WorkflowRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var records = await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand($"SELECT {Columns} FROM workflows WHERE id = @id").With("id", id);
            return await ReadAsync(command, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return records.Count == 0 ? null : records[0];
    }

    public async Task<WorkflowRecord?> TryUpdateAsync(WorkflowRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entries = AuditEntriesOf(record);
        var updated = await database.TryUpdateAsync(
            Update,
            command => Bind(command, record),
            expectedVersion,
            entries.Count == 0 ? null : (connection, transaction, token) => WriteAuditAsync(connection, transaction, entries, token),
            cancellationToken).ConfigureAwait(false);
        return updated ? Normalize(record) with { Version = expectedVersion + 1, NewEvents = 0 } : null;
    }

    private IReadOnlyList<AuditEntry> AuditEntriesOf(WorkflowRecord record) =>
        audit is null || record.NewEvents <= 0 ? [] : audit.EntriesFor(record);

    // The version's audit entries, in the transaction that stores it (one commit for both).
    private async Task WriteAuditAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            await SqlAuditLog.InsertAsync(database, connection, transaction, entry, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<WorkflowRecord>> ListAsync(WorkflowQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit <= 0)
        {
            return [];
        }

        return await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand(string.Empty);
            Filter(command, query);
            return await ReadAsync(command, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private void Filter(DbCommand command, WorkflowQuery query)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM workflows WHERE 1 = 1");
        command.AndIn(sql, "state", query.States);

        if (query.ExpiringBy is { } by)
        {
            sql.Append(" AND expires_at IS NOT NULL AND expires_at <= @expiring_by");
            command.With("expiring_by", database.ToTimeValue(by));
        }

        command.CommandText = sql.Append(" ORDER BY created_at DESC, id LIMIT @limit").ToString();
        command.With("limit", query.Limit);
    }

    private static WorkflowRecord Normalize(WorkflowRecord record) => record with
    {
        CreatedAt = StoredTime.Normalize(record.CreatedAt),
        UpdatedAt = StoredTime.Normalize(record.UpdatedAt),
        ExpiresAt = record.ExpiresAt is { } expires ? StoredTime.Normalize(expires) : null,
    };

    private DbCommand Bind(DbCommand command, WorkflowRecord record) => command
        .With("id", record.Id)
        .With("kind", record.Kind)
        .With("state", record.State)
        .With("cluster", record.Cluster)
        .With("namespace", record.Namespace)
        .With("target", record.Target)
        .With("requested_by", record.RequestedBy)
        .With("created_at", database.ToTimeValue(record.CreatedAt))
        .With("created_offset", StoredTime.OffsetMinutes(record.CreatedAt))
        .With("updated_at", database.ToTimeValue(record.UpdatedAt))
        .With("updated_offset", StoredTime.OffsetMinutes(record.UpdatedAt))
        .With("expires_at", record.ExpiresAt is { } expires ? database.ToTimeValue(expires) : null)
        .With("expires_offset", record.ExpiresAt is { } offset ? StoredTime.OffsetMinutes(offset) : null)
        .With("data", record.Data);

    private async Task<IReadOnlyList<WorkflowRecord>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var records = new List<WorkflowRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new WorkflowRecord
            {
                Id = reader.GetString(0),
                Kind = reader.GetString(1),
                State = reader.GetString(2),
                Version = reader.GetInt64(3),
                Cluster = reader.GetString(4),
                Namespace = reader.GetString(5),
                Target = reader.GetString(6),
                RequestedBy = reader.GetString(7),
                CreatedAt = database.ReadTime(reader, 8, 9),
                UpdatedAt = database.ReadTime(reader, 10, 11),
                ExpiresAt = reader.IsDBNull(12) ? null : database.ReadTime(reader, 12, 13),
                Data = reader.GetString(14),
            });
        }

        return records;
    }
}
