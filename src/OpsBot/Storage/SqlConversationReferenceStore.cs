using System.Data.Common;
using OpsBot.Chat.Delivery;
using OpsBot.Storage.Sql;

namespace OpsBot.Storage;

/// <summary>The persistent <see cref="IConversationReferenceStore"/>: one row per key, saved with an upsert.</summary>
public sealed class SqlConversationReferenceStore(StoreDatabase database, TimeProvider timeProvider) : IConversationReferenceStore
{
    private const string Columns = "reference_key, reference_json, updated_at, updated_offset";

    public Task SaveAsync(string key, string json, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(json);
        var now = timeProvider.GetUtcNow();
        // Saved on every Teams activity: in the group commit, so a burst costs a few commits and blocks no request thread.
        return database.GroupCommit.WriteAsync("conversation_references:" + key, async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand($"""
                INSERT INTO conversation_references ({Columns}) VALUES (@reference_key, @reference_json, @updated_at, @updated_offset)
                ON CONFLICT (reference_key) DO UPDATE SET reference_json = excluded.reference_json, updated_at = excluded.updated_at, updated_offset = excluded.updated_offset
                """, transaction)
                .With("reference_key", key)
                .With("reference_json", json)
                .With("updated_at", database.ToTimeValue(now))
                .With("updated_offset", StoredTime.OffsetMinutes(now));
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public async Task<StoredConversationReference?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM conversation_references WHERE reference_key = @reference_key")
            .With("reference_key", key);
        var references = await ReadAsync(command, cancellationToken).ConfigureAwait(false);
        return references.Count == 0 ? null : references[0];
    }

    public async Task<IReadOnlyList<StoredConversationReference>> ListAsync(string keyPrefix = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // substr rather than LIKE: a prefix may hold '%' or '_'.
        await using var command = connection.CreateCommand($"""
            SELECT {Columns} FROM conversation_references
            WHERE substr(reference_key, 1, length(@prefix)) = @prefix ORDER BY reference_key
            """)
            .With("prefix", keyPrefix);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<StoredConversationReference>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var references = new List<StoredConversationReference>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            references.Add(new StoredConversationReference(reader.GetString(0), reader.GetString(1), database.ReadTime(reader, 2, 3)));
        }

        return references;
    }
}
