using System.Data.Common;
using OpsBot.Audit;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Storage;
using OpsBot.Storage.Migrations;
using OpsBot.Storage.Sql;
using OpsBot.Testing;
using OpsBot.Workflows.Persistence;

namespace OpsBot.Tests.Storage;

/// <summary>What the SQL providers do beyond the store contracts: versioned migrations, durability, purging, readiness.</summary>
public abstract class SqlStoreContract : IAsyncLifetime
{
    protected abstract TestDatabase Database { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Database.DisposeAsync().AsTask();

    protected static async Task<long> CountAsync(StoreDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<IReadOnlyList<(int Version, string Description)>> HistoryAsync(StoreDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, description FROM schema_migrations ORDER BY version";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return rows;
    }

    [Fact]
    public async Task Migrate_FreshDatabase_ReachesTheLatestVersion()
    {
        var database = await Database.OpenAsync(migrate: false);
        var migrator = new SchemaMigrator(database, TimeProvider.System);

        var result = await migrator.MigrateAsync();

        Assert.Equal(database.Migrations.Count, migrator.LatestVersion);
        Assert.Equal(migrator.LatestVersion, result.Version);
        Assert.Equal(Enumerable.Range(1, migrator.LatestVersion), result.Applied);
        Assert.Equal(database.Migrations.Select(migration => (migration.Version, migration.Description)), await HistoryAsync(database));
    }

    [Fact]
    public async Task Migrate_Twice_AppliesNothingTheSecondTime()
    {
        var database = await Database.OpenAsync(migrate: false);
        await new SchemaMigrator(database, TimeProvider.System).MigrateAsync();

        var again = await new SchemaMigrator(await Database.OpenAsync(migrate: false), TimeProvider.System).MigrateAsync();

        Assert.Empty(again.Applied);
        Assert.Equal(database.Migrations.Count, again.Version);
        Assert.Equal(database.Migrations.Count, (await HistoryAsync(database)).Count);
    }

    [Fact]
    public async Task Migrate_FromAnOlderBuildsSchema_AppliesOnlyTheNewMigrations()
    {
        var database = await Database.OpenAsync(migrate: false);
        await new SchemaMigrator(new MigrationOverride(database, database.Migrations.Take(2).ToList()), TimeProvider.System).MigrateAsync();

        var upgrade = await new SchemaMigrator(database, TimeProvider.System).MigrateAsync();

        Assert.Equal(Enumerable.Range(3, database.Migrations.Count - 2), upgrade.Applied);
    }

    [Fact]
    public async Task Migrate_DatabaseNewerThanThisBuild_IsRefusedWithWhatToDo()
    {
        var database = await Database.OpenAsync();
        var latest = database.Migrations.Count;
        await using (var connection = await database.OpenConnectionAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"INSERT INTO schema_migrations (version, description, applied_at) VALUES ({latest + 1}, 'from a newer OpsBot', 'x')";
            await command.ExecuteNonQueryAsync();
        }

        var later = await Database.OpenAsync(migrate: false);
        var error = await Assert.ThrowsAsync<StoreSchemaException>(() => new SchemaMigrator(later, TimeProvider.System).MigrateAsync());

        Assert.Contains($"schema version {latest + 1}, newer than this OpsBot knows (version {latest})", error.Message, StringComparison.Ordinal);
        Assert.Contains("run that version (or newer)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_AFailingMigration_RollsBackAndNamesIt()
    {
        var database = await Database.OpenAsync();
        var broken = new Migration(database.Migrations.Count + 1, "broken on purpose", "CREATE TABLE half_done (id INTEGER); SELECT no_such_column FROM half_done;");
        var newer = new MigrationOverride(database, [.. database.Migrations, broken]);

        var error = await Assert.ThrowsAsync<StoreSchemaException>(() => new SchemaMigrator(newer, TimeProvider.System).MigrateAsync());

        Assert.StartsWith($"Migration {broken.Version} (broken on purpose) failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(database.Migrations.Count, (await HistoryAsync(database)).Count);
        await Assert.ThrowsAnyAsync<DbException>(() => CountAsync(database, "SELECT count(*) FROM half_done"));
    }

    [Fact]
    public async Task Migrate_TenReplicasStartingAtOnce_ApplyEachMigrationOnce()
    {
        var replicas = new List<StoreDatabase>();
        for (var i = 0; i < 10; i++)
        {
            replicas.Add(await Database.OpenAsync(migrate: false));
        }

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var starts = replicas.Select(replica => Task.Run(async () =>
        {
            await go.Task;
            return await new SchemaMigrator(replica, TimeProvider.System).MigrateAsync();
        })).ToList();
        go.SetResult();
        var results = await Task.WhenAll(starts);

        Assert.Equal(Enumerable.Range(1, replicas[0].Migrations.Count), results.SelectMany(result => result.Applied).Order());
        Assert.All(results, result => Assert.Equal(replicas[0].Migrations.Count, result.Version));
    }

    [Fact]
    public async Task Data_SurvivesClosingAndReopeningTheStore()
    {
        var clock = new ManualTimeProvider();
        var first = await Database.OpenAsync();
        var workflow = new WorkflowRecord
        {
            Id = "wf-durable", Kind = "scale-hpa", State = "Executing", Cluster = "prod", Namespace = "shop", Target = "horizontalpodautoscaler/frontend",
            RequestedBy = "teams:29:alice", CreatedAt = clock.GetUtcNow(), UpdatedAt = clock.GetUtcNow(), Data = """{"max":20}""",
        };
        var entry = new AuditEntry(clock.GetUtcNow(), ChatPlatform.Teams, "teams:29:bob", "19:c", "/scale-hpa frontend --max 20", AuditOutcome.Approved, null, "corr-1") { Subject = "workflow:wf-durable" };
        var message = new PostedMessage(ChatPlatform.Slack, "C42", "1.2", "1.1");
        await new SqlWorkflowStore(first).CreateAsync(workflow);
        await new SqlWorkflowStore(first).TryUpdateAsync(workflow with { State = "Verifying" }, 1);
        await new SqlAuditLog(first).RecordAsync(entry);
        await new SqlMessageLinkStore(first).AddAsync("workflow:wf-durable", message);
        await new SqlClaimStore(first, clock).TryClaimAsync("slack:event:Ev1", TimeSpan.FromHours(1));
        await new SqlConversationReferenceStore(first, clock).SaveAsync("teams:19:c", "{\"conversation\":{\"id\":\"19:c\"}}");
        await first.DisposeAsync();

        var reopened = await Database.OpenAsync();

        Assert.Equal(workflow with { State = "Verifying", Version = 2 }, await new SqlWorkflowStore(reopened).GetAsync("wf-durable"));
        Assert.Equal([entry], await new SqlAuditLog(reopened).QueryAsync(new AuditQuery { Subject = "workflow:wf-durable" }));
        Assert.Equal([message], await new SqlMessageLinkStore(reopened).GetAsync("workflow:wf-durable"));
        Assert.False(await new SqlClaimStore(reopened, clock).TryClaimAsync("slack:event:Ev1", TimeSpan.FromHours(1)));
        Assert.Equal("{\"conversation\":{\"id\":\"19:c\"}}", (await new SqlConversationReferenceStore(reopened, clock).GetAsync("teams:19:c"))!.Json);
    }

    [Fact]
    public async Task Claims_Expired_ArePurged()
    {
        var clock = new ManualTimeProvider();
        var database = await Database.OpenAsync();
        var store = new SqlClaimStore(database, clock);
        await store.TryClaimAsync("old-1", TimeSpan.FromSeconds(30));
        await store.TryClaimAsync("old-2", TimeSpan.FromSeconds(30));
        await store.TryClaimAsync("long", TimeSpan.FromHours(1));

        clock.Advance(SqlClaimStore.PurgeInterval);
        await store.TryClaimAsync("new", TimeSpan.FromSeconds(30));

        Assert.Equal(2, await CountAsync(database, "SELECT count(*) FROM claims"));
    }

    [Fact]
    public async Task GroupCommit_OneRefusedWriteInABurst_FailsOnlyItsCaller()
    {
        var clock = new ManualTimeProvider();
        var database = await Database.OpenAsync();
        var audit = new SqlAuditLog(database);
        var claims = new SqlClaimStore(database, clock);
        // Hold the writer in a batch of its own, so that everything below queues up and lands in the next batch together.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = database.GroupCommit.WriteAsync((_, _) => release.Task);
        var entries = Enumerable.Range(0, 20).Select(i => new AuditEntry(clock.GetUtcNow(), ChatPlatform.Slack, "slack:U1", "C1", $"/k8s pods #{i}", AuditOutcome.Ok, null, $"corr-{i}")).ToList();
        var recorded = entries.Select(entry => audit.RecordAsync(entry)).ToList();
        var claimed = Enumerable.Range(0, 20).Select(i => claims.TryClaimAsync($"slack:command:{i}", TimeSpan.FromHours(1))).ToList();
        var refused = database.GroupCommit.WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand("INSERT INTO no_such_table (x) VALUES (1)", transaction);
            await command.ExecuteNonQueryAsync();
        });

        release.SetResult();
        await holding;

        await Assert.ThrowsAnyAsync<DbException>(() => refused);
        await Task.WhenAll(recorded);
        Assert.All(await Task.WhenAll(claimed), Assert.True);
        Assert.Equal(20, await CountAsync(database, "SELECT count(*) FROM audit_entries"));
        Assert.Equal(20, await CountAsync(database, "SELECT count(*) FROM claims"));
    }

    [Fact]
    public async Task GroupCommit_SameKeyTwiceInOneBatch_FirstWins()
    {
        var database = await Database.OpenAsync();
        var claims = new SqlClaimStore(database, new ManualTimeProvider());
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = database.GroupCommit.WriteAsync((_, _) => release.Task);
        var first = claims.TryClaimAsync("slack:event:Ev9", TimeSpan.FromHours(1));
        var second = claims.TryClaimAsync("slack:event:Ev9", TimeSpan.FromHours(1));

        release.SetResult();
        await holding;

        var answers = await Task.WhenAll(first, second);
        Assert.Equal([true, false], answers);
    }

    [Fact]
    public async Task ReadinessCheck_AnswersOk()
    {
        var check = new StoreReadinessCheck(await Database.OpenAsync());

        Assert.Equal(("store", "ok"), (check.Name, await check.CheckAsync()));
    }
}
