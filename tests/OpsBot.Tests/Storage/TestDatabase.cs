using OpsBot.Storage.Migrations;
using OpsBot.Storage.Sql;

namespace OpsBot.Tests.Storage;

/// <summary>
/// A test's own database. Every <see cref="OpenAsync"/> is a new <see cref="StoreDatabase"/> on it, with its own
/// connections: another replica, or the bot after a restart. Disposed with the test.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    private readonly List<StoreDatabase> _opened = [];

    /// <summary>A new instance on this test's database, migrated (as the host does at start) unless told otherwise.</summary>
    public async Task<StoreDatabase> OpenAsync(bool migrate = true)
    {
        var database = await CreateInstanceAsync();
        lock (_opened)
        {
            _opened.Add(database);
        }

        if (migrate)
        {
            await new SchemaMigrator(database, TimeProvider.System).MigrateAsync();
        }

        return database;
    }

    protected abstract Task<StoreDatabase> CreateInstanceAsync();

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
