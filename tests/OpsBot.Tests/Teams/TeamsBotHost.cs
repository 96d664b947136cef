using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsBot.Chat;
using OpsBot.Testing;
using OpsBot.Testing.Teams;

namespace OpsBot.Tests.Teams;

/// <summary>
/// The real OpsBot host (Program) with Teams pointed at a <see cref="FakeBotFrameworkChannel"/>: its
/// clock, its keys, its token endpoint and connector; users <c>teams:aad-alice</c> and
/// <c>teams:aad-bob</c> are SREs; <see cref="RecordingButtonHandler"/> answers <c>test.*</c> buttons.
/// </summary>
internal sealed class TeamsBotHost : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();
    private readonly FakeBotFrameworkChannel _channel;
    private readonly (string Key, string Value)[] _settings;

    public TeamsBotHost(FakeBotFrameworkChannel channel, params (string Key, string Value)[] settings)
    {
        _channel = channel;
        _settings = [.. channel.Settings, .. settings];
    }

    public RecordingButtonHandler Buttons { get; } = new();

    public CapturedLogs Logs { get; } = new();

    /// <summary>The same log entries with message and exception apart.</summary>
    public Chat.LogRecorder Recorder { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", _data.Path);
        // The watch cache is on in production; here tests write to the simulator and read in the same breath (a watch
        // lag race that is not what they test), so hosts read from the API unless a test sets Kubernetes:Cache:Enabled.
        builder.UseSetting("Kubernetes:Cache:Enabled", "false");
        builder.UseSetting("Simulator:Speed", "0");
        builder.UseSetting("Authorization:Users:3:Id", "teams:aad-alice");
        builder.UseSetting("Authorization:Users:3:Roles:0", "sre");
        builder.UseSetting("Authorization:Users:4:Id", "teams:aad-bob");
        builder.UseSetting("Authorization:Users:4:Roles:0", "sre");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(_channel.Time);
            services.AddSingleton<IButtonHandler>(Buttons);
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddSingleton<ILoggerProvider>(Recorder);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}
