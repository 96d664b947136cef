using OpsBot.Audit;
using OpsBot.Chat;

namespace OpsBot.Tests.Storage;

/// <summary>What every <see cref="IAuditLog"/> does, run against the in-memory default, SQLite and PostgreSQL.</summary>
public abstract class AuditLogContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<IAuditLog> OpenLogAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static AuditEntry Entry(int minute, string user = "slack:U1", string? subject = null, AuditOutcome outcome = AuditOutcome.Ok) =>
        new(T0.AddMinutes(minute), ChatPlatform.Slack, user, "C42", $"/k8s pods #{minute}", outcome, null, $"corr-{minute}") { Subject = subject };

    [Fact]
    public async Task Record_ThenQuery_KeepsEveryField()
    {
        var log = await OpenLogAsync();
        var entries = Enum.GetValues<AuditOutcome>().Select((outcome, i) => new AuditEntry(
            new DateTimeOffset(2030, 1, 1, 9, i, 0, TimeSpan.FromHours(-5)),
            Enum.GetValues<ChatPlatform>()[i % 3],
            $"teams:29:user-{i}",
            "19:channel@thread.tacv2",
            "/rollback deploy/frontend --break-glass \"checkout down ✓\"",
            outcome,
            i % 2 == 0 ? null : "reason: <b>'quoted'</b>",
            Guid.NewGuid().ToString())
        {
            Subject = i % 3 == 0 ? null : $"workflow:wf-{i}",
        }).ToList();

        foreach (var entry in entries)
        {
            await log.RecordAsync(entry);
        }

        var read = await log.QueryAsync(new AuditQuery { Limit = 100 });
        Assert.Equal(Enumerable.Reverse(entries), read);
        Assert.All(read, entry => Assert.Equal(TimeSpan.FromHours(-5), entry.Time.Offset));
    }

    [Fact]
    public async Task Query_ReturnsNewestFirstUpToTheLimit()
    {
        var log = await OpenLogAsync();
        for (var minute = 0; minute < 5; minute++)
        {
            await log.RecordAsync(Entry(minute));
        }

        var newest = await log.QueryAsync(new AuditQuery { Limit = 3 });
        var none = await log.QueryAsync(new AuditQuery { Limit = 0 });

        Assert.Equal(["corr-4", "corr-3", "corr-2"], newest.Select(entry => entry.CorrelationId));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Query_SameTime_NewestRecordedFirst()
    {
        var log = await OpenLogAsync();
        await log.RecordAsync(Entry(0) with { CorrelationId = "first" });
        await log.RecordAsync(Entry(0) with { CorrelationId = "second" });

        var read = await log.QueryAsync(new AuditQuery());

        Assert.Equal(["second", "first"], read.Select(entry => entry.CorrelationId));
    }

    [Fact]
    public async Task Query_FiltersBySinceUserAndSubject()
    {
        var log = await OpenLogAsync();
        await log.RecordAsync(Entry(0, user: "slack:U1", subject: "workflow:a"));
        await log.RecordAsync(Entry(1, user: "slack:U2", subject: "workflow:a", outcome: AuditOutcome.Approved));
        await log.RecordAsync(Entry(2, user: "slack:U1"));
        await log.RecordAsync(Entry(3, user: "slack:u1", subject: "workflow:b"));

        var since = await log.QueryAsync(new AuditQuery { Since = T0.AddMinutes(1) });
        var sinceOtherOffset = await log.QueryAsync(new AuditQuery { Since = T0.AddMinutes(2).ToOffset(TimeSpan.FromHours(9)) });
        var user = await log.QueryAsync(new AuditQuery { User = "slack:U1" });
        var subject = await log.QueryAsync(new AuditQuery { Subject = "workflow:a" });
        var all = await log.QueryAsync(new AuditQuery { User = "slack:U1", Subject = "workflow:a", Since = T0 });

        Assert.Equal(["corr-3", "corr-2", "corr-1"], since.Select(entry => entry.CorrelationId));
        Assert.Equal(["corr-3", "corr-2"], sinceOtherOffset.Select(entry => entry.CorrelationId));
        Assert.Equal(["corr-2", "corr-0"], user.Select(entry => entry.CorrelationId));
        Assert.Equal(["corr-1", "corr-0"], subject.Select(entry => entry.CorrelationId));
        Assert.Equal(["corr-0"], all.Select(entry => entry.CorrelationId));
    }

    [Fact]
    public async Task Record_50ConcurrentWriters_KeepsEveryEntry()
    {
        var log = await OpenLogAsync();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await go.Task;
            await log.RecordAsync(Entry(0) with { CorrelationId = $"w{i}" });
        })).ToList();

        go.SetResult();
        await Task.WhenAll(writers);

        var read = await log.QueryAsync(new AuditQuery { Limit = 100 });
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"w{i}").Order(StringComparer.Ordinal), read.Select(entry => entry.CorrelationId).Order(StringComparer.Ordinal));
    }
}
