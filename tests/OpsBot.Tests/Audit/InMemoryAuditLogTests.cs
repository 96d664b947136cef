using OpsBot.Audit;
using OpsBot.Chat;

namespace OpsBot.Tests.Audit;

public sealed class InMemoryAuditLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    private static AuditEntry Entry(int minute, string user, string? subject = null) =>
        new(Start.AddMinutes(minute), ChatPlatform.Slack, user, "C1", "/rollback deploy/frontend", AuditOutcome.Requested, null, "c" + minute) { Subject = subject };

    [Fact]
    public async Task Query_FiltersBySinceUserAndSubject_NewestFirst()
    {
        var log = new InMemoryAuditLog();
        await log.RecordAsync(Entry(0, "U1", "workflow:a"));
        await log.RecordAsync(Entry(1, "U2", "workflow:a"));
        await log.RecordAsync(Entry(2, "U1", "workflow:b"));
        await log.RecordAsync(Entry(3, "U1"));

        var byUser = await log.QueryAsync(new AuditQuery { User = "U1" });
        var bySubject = await log.QueryAsync(new AuditQuery { Subject = "workflow:a" });
        var recent = await log.QueryAsync(new AuditQuery { Since = Start.AddMinutes(2), Limit = 1 });

        Assert.Equal(["c3", "c2", "c0"], byUser.Select(entry => entry.CorrelationId));
        Assert.Equal(["c1", "c0"], bySubject.Select(entry => entry.CorrelationId));
        Assert.Equal(["c3"], recent.Select(entry => entry.CorrelationId));
    }

    [Fact]
    public async Task Capacity_DropsTheOldest()
    {
        var log = new InMemoryAuditLog(capacity: 2);
        await log.RecordAsync(Entry(0, "U1"));
        await log.RecordAsync(Entry(1, "U1"));
        await log.RecordAsync(Entry(2, "U1"));

        Assert.Equal(["c1", "c2"], log.Entries.Select(entry => entry.CorrelationId));
    }
}
