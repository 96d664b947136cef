using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpsBot.Jobs;
using OpsBot.Testing;
using OpsBot.Tests.Storage;
using OpsBot.Tests.Console;
using OpsBot.Scheduling;

namespace OpsBot.Tests.Jobs;

/// <summary>Two OpsBot hosts on one PostgreSQL database (the real server the test helpers start).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJobsTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new(postgres.Server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task TwoReplicas_StartingTogetherOnAnEmptyDatabase_InstallTheSchemaOnce_AndRunEachOccurrenceOnce()
    {
        var connectionString = await _database.ConnectionStringAsync();
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE test_job_runs (occurrence bigint NOT NULL, replica text NOT NULL)", setup);
            await create.ExecuteNonQueryAsync();
        }

        await using var first = Replica("a");
        await using var second = Replica("b");
        await Task.WhenAll(Task.Run(first.CreateClient), Task.Run(second.CreateClient));

        var runs = await Eventually.ValueAsync(
            () => RunsAsync(connectionString),
            recorded => recorded.Select(run => run.Occurrence).Distinct().Count() >= 4,
            "four occurrences ran",
            TimeSpan.FromSeconds(90));

        var repeated = runs.GroupBy(run => run.Occurrence).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Assert.Empty(repeated);

        OpsBotHost Replica(string name) => new(
            services => services.AddSingleton<IScheduledJob>(new RecordingJob("test:every-2s", "*/2 * * * * *", (occurrence, cancellationToken) => RecordAsync(connectionString, occurrence, name, cancellationToken))),
            ("Storage:Provider", "Postgres"), ("Storage:ConnectionString", connectionString), ("Jobs:Enabled", "true"), ("Jobs:PollingInterval", "00:00:01"));
    }

    [Fact]
    public async Task SchemaInstall_FromTenProcessesAtOnce_Succeeds()
    {
        var connectionString = await _database.ConnectionStringAsync();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => JobSchemaInstaller.InstallAsync(connectionString, "hangfire"))));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var version = new NpgsqlCommand("SELECT max(version) FROM hangfire.schema", connection);
        Assert.True(Convert.ToInt32(await version.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    private static async Task RecordAsync(string connectionString, JobOccurrence occurrence, string replica, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var insert = new NpgsqlCommand("INSERT INTO test_job_runs (occurrence, replica) VALUES (@occurrence, @replica)", connection);
        insert.Parameters.AddWithValue("occurrence", occurrence.ScheduledAt!.Value.ToUnixTimeSeconds());
        insert.Parameters.AddWithValue("replica", replica);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<(long Occurrence, string Replica)>> RunsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("SELECT occurrence, replica FROM test_job_runs", connection);
        await using var reader = await select.ExecuteReaderAsync();
        var runs = new List<(long, string)>();
        while (await reader.ReadAsync())
        {
            runs.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return runs;
    }
}
