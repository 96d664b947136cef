namespace OpsBot.ClusterSim.Tests.Hosting;

public sealed class SimulatorArgumentsTests
{
    [Fact]
    public void Parse_Replay_ControllersOffUnlessAsked()
    {
        var replay = SimulatorArguments.Parse(["--replay", "dump", "--at", "2026-11-20T03:00:00Z"]);
        var withControllers = SimulatorArguments.Parse(["--replay", "dump", "--controllers", "on"]);
        var plain = SimulatorArguments.Parse([]);

        Assert.Equal(("dump", new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero), false), (replay.ReplayPath, replay.ReplayAt, replay.Options.ControllersEnabled));
        Assert.True(withControllers.Options.ControllersEnabled);
        Assert.Equal((null, true), (plain.ReplayPath, plain.Options.ControllersEnabled));
    }

    [Theory]
    [InlineData("--at needs --replay", "--at", "2026-11-20T03:00:00Z")]
    [InlineData("--at must be an RFC 3339 time such as 2026-11-20T03:00:00Z, not 'yesterday'", "--replay", "d", "--at", "yesterday")]
    [InlineData("--replay and --scenario cannot be combined", "--replay", "d", "--scenario", "s01-frontend-memory-leak")]
    [InlineData("--service-account-dir must be NAMESPACE/NAME=DIRECTORY, not 'opsbot=/tmp/sa'", "--service-account-dir", "opsbot=/tmp/sa")]
    public void Parse_BadReplayOrServiceAccountArguments_SayWhatIsWrong(string message, params string[] args)
    {
        var error = Assert.Throws<ArgumentException>(() => SimulatorArguments.Parse(args));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_ServiceAccountDirectories_InOrder()
    {
        var parsed = SimulatorArguments.Parse(["--service-account-dir", "opsbot/opsbot=/tmp/sa", "--service-account-dir", "shop/web=rel/dir"]);

        Assert.Equal([("opsbot", "opsbot", "/tmp/sa"), ("shop", "web", "rel/dir")], parsed.ServiceAccountDirectories);
    }
}
