using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Chat;
using OpsBot.Commands;
using OpsBot.Testing;
using OpsBot.Testing.Slack;

namespace OpsBot.Tests.Slack;

/// <summary>
/// The real OpsBot host on Kestrel (loopback, port 0) wired to a <see cref="FakeSlack"/>: HTTP mode with a
/// signing secret, or Socket Mode with an app token. Slack users <c>UALICE</c> and <c>UBOB</c> are SREs.
/// Test commands: <c>/slowtest</c> (10 s), <c>/countme</c> (counts its runs), <c>/subjecttest</c>
/// (a reply with a subject and a danger button); buttons <c>probe.*</c> are recorded.
/// </summary>
internal sealed class SlackHost : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;
    private readonly Action<IServiceCollection>? _services;

    private SlackHost(FakeSlack slack, Dictionary<string, string?> settings, TimeProvider? time, Action<IServiceCollection>? services = null)
    {
        Slack = slack;
        _settings = settings;
        _time = time;
        _services = services;
        UseKestrel(0);
    }

    public FakeSlack Slack { get; }

    public SlackRequestSigner Signer { get; } = new(SlackRequestSigner.TestSecret);

    public TestCommands Commands { get; } = new();

    /// <summary>Every log entry the host writes.</summary>
    public Chat.LogRecorder Logs { get; } = new();

    /// <summary>HTTP mode: <c>/slack/*</c> verified with <see cref="SlackRequestSigner.TestSecret"/>.</summary>
    public static SlackHost Http(FakeSlack slack, TimeProvider? time = null, params (string Key, string Value)[] extra) =>
        new(slack, Settings(slack, extra, ("Slack:SigningSecret", SlackRequestSigner.TestSecret)), time);

    /// <summary>HTTP mode, with <paramref name="services"/> applied after the host's own (a store wrapped to fail on cue).</summary>
    public static SlackHost HttpWith(FakeSlack slack, Action<IServiceCollection> services, params (string Key, string Value)[] extra) =>
        new(slack, Settings(slack, extra, ("Slack:SigningSecret", SlackRequestSigner.TestSecret)), null, services);

    /// <summary>Socket Mode only (no signing secret, no <c>/slack/*</c> endpoints).</summary>
    public static SlackHost SocketMode(FakeSlack slack, params (string Key, string Value)[] extra) =>
        new(slack, Settings(slack, extra, ("Slack:AppToken", FakeSlack.AppToken)), time: null);

    public HttpClient Client()
    {
        StartServer();
        return CreateClient();
    }

    /// <summary>Posts a signed slash command and returns the HTTP response.</summary>
    public Task<HttpResponseMessage> CommandAsync(HttpClient client, string command, string text, Uri responseUrl, string user = "UALICE", string channel = "C0INCIDENT", string? triggerId = null) =>
        client.SendAsync(Signer.Request("/slack/commands", SlackRequestSigner.CommandForm(command, text, user, channel, responseUrl, triggerId ?? SlackPayloads.NewTriggerId()), DateTimeOffset.UtcNow));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", _data.Path);
        // The watch cache is on in production; here tests write to the simulator and read in the same breath (a watch
        // lag race that is not what they test), so hosts read from the API unless a test sets Kubernetes:Cache:Enabled.
        builder.UseSetting("Kubernetes:Cache:Enabled", "false");
        builder.UseSetting("Simulator:Speed", "0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ICommandHandler>(Commands.Slow);
            services.AddSingleton<ICommandHandler>(Commands.Counting);
            services.AddSingleton<ICommandHandler>(Commands.Subject);
            services.AddSingleton<IButtonHandler>(Commands.Probe);
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            if (_time is not null)
            {
                services.AddSingleton(_time);
            }

            _services?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }

    private static Dictionary<string, string?> Settings(FakeSlack slack, (string Key, string Value)[] extra, (string Key, string Value) mode)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = FakeSlack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
            [mode.Key] = mode.Value,
            ["Authorization:Users:10:Id"] = "slack:UALICE",
            ["Authorization:Users:10:Roles:0"] = "sre",
            ["Authorization:Users:11:Id"] = "slack:UBOB",
            ["Authorization:Users:11:Roles:0"] = "sre",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}
