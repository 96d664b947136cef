using OpsBot.Testing;

namespace OpsBot.Tests.Incidents;

/// <summary>The reminder contract on the default storage: opsbot.db and Hangfire's jobs.db in one data folder kept across the restart.</summary>
public sealed class SqliteIncidentReminderTests : IncidentReminderContract
{
    private readonly TempDirectory _data = new();

    protected override Task<(string Key, string Value)[]> StorageAsync() => Task.FromResult<(string, string)[]>([("Storage:DataDirectory", _data.Path)]);

    public override Task DisposeAsync()
    {
        _data.Dispose();
        return Task.CompletedTask;
    }
}
