using OpsBot.Tests.Storage;

namespace OpsBot.Tests.Incidents;

/// <summary>S1 as an incident (<see cref="IncidentS01EndToEndTests"/>) with the host on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class IncidentS01PostgresEndToEndTests(PostgresFixture postgres)
{
    [Fact]
    public async Task S01AsAnIncident_OnPostgres_TimelineUpdateAndPostmortemComeFromWhatOpsBotDid()
    {
        await using var database = new PostgresTestDatabase(postgres.Server);
        await IncidentS01EndToEndTests.RunAsync(("Storage:Provider", "Postgres"), ("Storage:ConnectionString", await database.ConnectionStringAsync()));
    }
}
