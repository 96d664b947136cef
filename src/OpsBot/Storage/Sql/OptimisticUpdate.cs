using System.Data.Common;
using OpsBot.Commands;

namespace OpsBot.Storage.Sql;

/// <summary>
/// Optimistic concurrency, one way for every store: an update lands only where the row still has the version the writer
/// read (<c>UPDATE … SET …, version = @expected + 1 WHERE key AND version = @expected</c>). No row changed means another
/// writer won (or the row is gone): the caller is told so, and nothing of the attempt is kept.
/// </summary>
internal static class OptimisticUpdate
{
    /// <summary>The statement: <paramref name="assignments"/> and the version bumped, on the row of <paramref name="key"/> at the expected version.</summary>
    public static string Sql(string table, string assignments, string key) =>
        $"UPDATE {table} SET {assignments}, version = @expected + 1 WHERE {key} AND version = @expected";

    /// <summary>
    /// Runs <paramref name="update"/> (from <see cref="Sql"/>; <paramref name="bind"/> adds its values) expecting
    /// <paramref name="expectedVersion"/>. When it changed the row, <paramref name="alsoWrite"/> runs in the same
    /// transaction, and one commit keeps both. False when another writer won: nothing was written.
    /// </summary>
    public static Task<bool> TryUpdateAsync(
        this StoreDatabase database,
        string update,
        Func<DbCommand, DbCommand> bind,
        long expectedVersion,
        Func<DbConnection, DbTransaction, CancellationToken, Task>? alsoWrite = null,
        CancellationToken cancellationToken = default) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var transaction = alsoWrite is null ? null : await connection.BeginTransactionAsync(token).ConfigureAwait(false);
            // From the statement on, a failure may leave the change committed (an answer lost on a cut connection): the
            // request's write log says so, and its reply does not claim that nothing was done.
            StoreWrites.Writing();
            await using (var command = bind(connection.CreateCommand(update, transaction)).With("expected", expectedVersion))
            {
                if (await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 0)
                {
                    StoreWrites.NotWritten();
                    return false; // Disposing the transaction rolls it back.
                }
            }

            if (transaction is not null)
            {
                await alsoWrite!(connection, transaction, token).ConfigureAwait(false);
                await transaction.CommitAsync(token).ConfigureAwait(false);
            }

            StoreWrites.Written();
            return true;
        }, cancellationToken);
}
