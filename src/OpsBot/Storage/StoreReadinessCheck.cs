using System.Data.Common;
using OpsBot.Operations;
using OpsBot.Storage.Sql;

namespace OpsBot.Storage;

/// <summary><c>/readyz</c>'s <c>store</c> check: the database answers <c>SELECT 1</c>.</summary>
public sealed class StoreReadinessCheck(StoreDatabase database) : IReadinessCheck
{
    public string Name => "store";

    public async Task<string> CheckAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return "ok";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return $"{database.Provider} at {database.Location} did not answer in time";
        }
        catch (Exception error) when (error is DbException or InvalidOperationException or TimeoutException or IOException or System.Net.Sockets.SocketException)
        {
            // Provider messages name host, database and user, never the password.
            return $"{database.Provider} at {database.Location}: {error.Message}";
        }
    }
}
