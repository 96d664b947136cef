using OpsBot.Kubernetes;

namespace OpsBot.Tests.Caching;

public sealed class ForegroundWorkTests
{
    [Fact]
    public async Task WhenIdleAsync_NothingRunning_CompletesAtOnce()
    {
        var foreground = new ForegroundWork();

        var idle = foreground.WhenIdleAsync(TimeSpan.FromMinutes(5), TimeProvider.System);

        Assert.True(idle.IsCompletedSuccessfully);
        await idle;
    }

    [Fact]
    public async Task WhenIdleAsync_TwoRunning_CompletesWhenTheLastEnds()
    {
        var foreground = new ForegroundWork();
        var first = foreground.Enter();
        var second = foreground.Enter();

        var idle = foreground.WhenIdleAsync(TimeSpan.FromMinutes(5), TimeProvider.System);
        first.Dispose();
        first.Dispose(); // twice counts once
        var afterFirst = idle.IsCompleted;
        second.Dispose();
        await idle.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.False(afterFirst);
        Assert.Equal(0, foreground.Active);
    }

    [Fact]
    public async Task WhenIdleAsync_StillRunningAfterMaxWait_GoesOnWithoutThrowing()
    {
        var foreground = new ForegroundWork();
        using var running = foreground.Enter();

        await foreground.WhenIdleAsync(TimeSpan.FromMilliseconds(20), TimeProvider.System).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, foreground.Active);
    }
}
