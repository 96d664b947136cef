using Microsoft.Extensions.Logging.Abstractions;
using OpsBot.Chat.Delivery;

namespace OpsBot.Tests.Chat.Delivery;

/// <summary>Acks first: work started after an ack waits for the acks in progress, bounded (docs/RELIABILITY.md).</summary>
public sealed class AfterAckWorkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Run_WhileAnAckIsInProgress_StartsWhenTheLastAckEnds()
    {
        using var work = new AfterAckWork(NullLogger<AfterAckWork>.Instance) { MaxDeferral = TimeSpan.FromHours(1) };
        var first = work.Acknowledging();
        var second = work.Acknowledging();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        work.Run("command", _ =>
        {
            started.SetResult();
            return Task.CompletedTask;
        });
        await Task.Delay(200);
        Assert.False(started.Task.IsCompleted, "started while two acks were in progress");
        first.Dispose();
        await Task.Delay(200);
        Assert.False(started.Task.IsCompleted, "started while one ack was still in progress");
        second.Dispose();

        await started.Task.WaitAsync(Patience);
        await work.WhenIdleAsync();
    }

    [Fact]
    public async Task TryRun_AnAckThatNeverEnds_StartsAfterTheMaxDeferral()
    {
        using var work = new AfterAckWork(NullLogger<AfterAckWork>.Instance) { MaxDeferral = TimeSpan.FromMilliseconds(100) };
        using var stuck = work.Acknowledging();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Assert.True(work.TryRun("event", _ =>
        {
            started.SetResult();
            return Task.CompletedTask;
        }));

        await started.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task Run_NotBehindAcks_StartsAtOnceForTheAckThatWaitsForIt()
    {
        using var work = new AfterAckWork(NullLogger<AfterAckWork>.Instance) { MaxDeferral = TimeSpan.FromHours(1) };
        using var own = work.Acknowledging();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        work.Run("inline reply", _ =>
        {
            started.SetResult();
            return Task.CompletedTask;
        }, behindAcks: false);

        await started.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task Run_NoAckInProgress_StartsAtOnce()
    {
        using var work = new AfterAckWork(NullLogger<AfterAckWork>.Instance) { MaxDeferral = TimeSpan.FromHours(1) };
        work.Acknowledging().Dispose();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        work.Run("command", _ =>
        {
            started.SetResult();
            return Task.CompletedTask;
        });

        await started.Task.WaitAsync(Patience);
    }
}
