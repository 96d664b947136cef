using OpsBot.Testing.Teams;


namespace OpsBot.Tests.Teams;

/// <summary>One fake channel and one host shared by the tests of a class whose cases do not change either.</summary>
public sealed class TeamsHostFixture : IAsyncLifetime
{
    internal FakeBotFrameworkChannel Channel { get; private set; } = null!;

    internal TeamsBotHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Channel = await FakeBotFrameworkChannel.StartAsync();
        Host = new TeamsBotHost(Channel);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Channel.DisposeAsync();
    }
}
