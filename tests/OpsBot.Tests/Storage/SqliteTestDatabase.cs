using OpsBot.Storage.Sql;
using OpsBot.Testing;

namespace OpsBot.Tests.Storage;

/// <summary>A SQLite file in a temp folder, deleted with the test.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly TempDirectory _directory = new();

    public string DirectoryPath => _directory.Path;

    public string FilePath => Path.Combine(_directory.Path, SqliteStoreDatabase.FileName);

    protected override Task<StoreDatabase> CreateInstanceAsync() => Task.FromResult<StoreDatabase>(SqliteStoreDatabase.InDirectory(_directory.Path));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
