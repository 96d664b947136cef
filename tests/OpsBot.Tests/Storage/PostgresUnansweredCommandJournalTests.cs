using OpsBot.Storage;

namespace OpsBot.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresUnansweredCommandJournalTests(PostgresFixture postgres) : UnansweredCommandJournalContract
{
    private readonly PostgresTestDatabase _database = new(postgres.Server);

    protected override TimeSpan Grace => SqlUnansweredCommandJournal.ReplicaGrace;

    protected override async Task<SqlUnansweredCommandJournal> OpenJournalAsync()
    {
        var database = await _database.OpenAsync();
        return new SqlUnansweredCommandJournal(database, new SqlClaimStore(database, Clock), Clock);
    }

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
