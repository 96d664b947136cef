using OpsBot.Checks;
using OpsBot.Storage;

namespace OpsBot.Tests.Storage;

public sealed class SqliteCheckAlertStoreTests : CheckAlertStoreContract
{
    private readonly SqliteTestDatabase _database = new();

    protected override async Task<ICheckStore> OpenStoreAsync() => new SqlCheckStore(await _database.OpenAsync());

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
