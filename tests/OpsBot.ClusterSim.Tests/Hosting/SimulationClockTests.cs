using OpsBot.ClusterSim.Hosting;

namespace OpsBot.ClusterSim.Tests.Hosting;

public sealed class SimulationClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Advance_FrozenClock_MovesExactly()
    {
        var clock = new SimulationClock(Start, speed: 0);

        clock.Advance(TimeSpan.FromMinutes(90));

        Assert.Equal(Start.AddMinutes(90), clock.GetUtcNow());
    }

    [Fact]
    public void Set_Backwards_PutsTheClockThereAndKeepsTheSpeed()
    {
        var clock = new SimulationClock(Start, speed: 0);
        clock.Advance(TimeSpan.FromHours(5));

        clock.Set(Start.AddDays(-3));
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(Start.AddDays(-3).AddMinutes(1), clock.GetUtcNow());
        Assert.Equal(0, clock.Speed);
    }

    [Fact]
    public async Task GetUtcNow_FastClock_RunsFasterThanRealTime()
    {
        var clock = new SimulationClock(Start, speed: 600);

        await Task.Delay(200);

        Assert.True(clock.GetUtcNow() - Start >= TimeSpan.FromSeconds(100));
    }

    [Fact]
    public void Speed_Changed_KeepsCurrentTime()
    {
        var clock = new SimulationClock(Start, speed: 0);
        clock.Advance(TimeSpan.FromSeconds(30));

        clock.Speed = 0;

        Assert.Equal(Start.AddSeconds(30), clock.GetUtcNow());
    }

    [Fact]
    public void Advance_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulationClock(Start).Advance(TimeSpan.FromSeconds(-1)));
}
