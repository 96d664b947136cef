using OpsBot.Storage;

namespace OpsBot.Tests.Storage;

public sealed class SqliteUnansweredCommandJournalTests : UnansweredCommandJournalContract
{
    private readonly SqliteTestDatabase _database = new();

    // One process per SQLite file: whatever another process left is interrupted at once.
    protected override TimeSpan Grace => TimeSpan.Zero;

    protected override async Task<SqlUnansweredCommandJournal> OpenJournalAsync()
    {
        var database = await _database.OpenAsync();
        return new SqlUnansweredCommandJournal(database, new SqlClaimStore(database, Clock), Clock);
    }

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
