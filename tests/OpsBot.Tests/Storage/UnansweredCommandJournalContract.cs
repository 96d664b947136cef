using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Storage;
using OpsBot.Testing;

namespace OpsBot.Tests.Storage;

/// <summary>
/// What <see cref="SqlUnansweredCommandJournal"/> does on SQLite and on PostgreSQL: a command claimed with its journal
/// entry is taken after its process is gone (another journal on the same database is the process after a restart), once,
/// unless it was answered; a redelivery records nothing.
/// </summary>
public abstract class UnansweredCommandJournalContract : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(1);

    protected ManualTimeProvider Clock { get; } = new();

    /// <summary>How long another process's entry waits before it counts as interrupted on this provider.</summary>
    protected abstract TimeSpan Grace { get; }

    /// <summary>A journal of a new process on the same database.</summary>
    protected abstract Task<SqlUnansweredCommandJournal> OpenJournalAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private UnansweredCommand Command(string id, string text = "/k8s pods -n shop") =>
        new(id, ChatPlatform.Slack, "U1", "C1", text, "https://hooks.slack.test/commands/" + id, Clock.GetUtcNow());

    [Fact]
    public async Task TakeInterrupted_AfterARestart_ReturnsEachUnansweredCommandOnce()
    {
        var killed = await OpenJournalAsync();
        Assert.True(await killed.ClaimAsync("slack:command:T1", Ttl, Command("slack:command:T1")));
        Assert.True(await killed.ClaimAsync("slack:command:T2", Ttl, Command("slack:command:T2", "/triage deploy/checkout")));
        Assert.True(await killed.ClaimAsync("slack:command:T3", Ttl, Command("slack:command:T3")));
        await killed.AnsweredAsync("slack:command:T3");
        await killed.FlushAsync(); // deletes are deferred into later batches; the answer is persisted by now

        var restarted = await OpenJournalAsync();
        Assert.Empty(await killed.TakeInterruptedAsync()); // its own entries are in flight, not interrupted
        Clock.Advance(Grace + TimeSpan.FromSeconds(1));
        var taken = await restarted.TakeInterruptedAsync();

        Assert.Equal(["slack:command:T1", "slack:command:T2"], taken.Select(command => command.Id).Order(StringComparer.Ordinal));
        var triage = taken.Single(command => command.Id == "slack:command:T2");
        Assert.Equal(("/triage deploy/checkout", "U1", "C1", ChatPlatform.Slack), (triage.CommandText, triage.UserId, triage.ChannelId, triage.Platform));
        Assert.Equal("https://hooks.slack.test/commands/slack:command:T2", triage.ReplyTo);
        Assert.Empty(await restarted.TakeInterruptedAsync());
        Assert.Empty(await (await OpenJournalAsync()).TakeInterruptedAsync());
    }

    [Fact]
    public async Task Claim_Redelivered_IsRefusedAndRecordsNothing()
    {
        var journal = await OpenJournalAsync();
        Assert.True(await journal.ClaimAsync("slack:command:T1", Ttl, Command("slack:command:T1")));
        await journal.AnsweredAsync("slack:command:T1");
        await journal.FlushAsync();

        Assert.False(await journal.ClaimAsync("slack:command:T1", Ttl, Command("slack:command:T1")));

        Clock.Advance(Grace + TimeSpan.FromSeconds(1));
        Assert.Empty(await (await OpenJournalAsync()).TakeInterruptedAsync());
    }

    [Fact]
    public async Task Record_Twice_KeepsOneEntry_AndAClaimBurstRecordsEveryWinner()
    {
        var journal = await OpenJournalAsync();
        await journal.RecordAsync(Command("teams:19:a:1"));
        await journal.RecordAsync(Command("teams:19:a:1"));
        var burst = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => journal.ClaimAsync($"slack:command:B{i % 25}", Ttl, Command($"slack:command:B{i % 25}"))));
        Assert.Equal(25, burst.Count(won => won));

        Clock.Advance(Grace + TimeSpan.FromSeconds(1));
        var taken = await (await OpenJournalAsync()).TakeInterruptedAsync();

        Assert.Equal(26, taken.Count);
        Assert.Single(taken, command => command.Id == "teams:19:a:1");
    }
}
