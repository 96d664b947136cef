using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Testing;
using OpsBot.Testing.Slack;
using OpsBot.Testing.Teams;
using OpsBot.Tests.Teams;

namespace OpsBot.Tests.CrossPlatform;

/// <summary>
/// One real OpsBot (Program on Kestrel, loopback port 0) with BOTH Slack (HTTP mode, a <see cref="FakeSlack"/>,
/// real signatures) and Teams (a <see cref="FakeBotFrameworkChannel"/> with its own keys, OpenID metadata and
/// connector) configured, on the embedded simulator (clock frozen: <c>/drill advance</c> moves it). The host
/// reads the Teams channel's clock, so Slack requests are signed at that time too.
/// Users: Slack UALICE and UBOB, Teams aad-alice and aad-bob: sre (act + approve); Teams aad-mallory: viewer.
/// Policy: <c>scale-hpa</c> needs <see cref="RequiredApprovals"/> approvals.
/// </summary>
internal sealed class CrossPlatformHost : WebApplicationFactory<Program>
{
    public const int RequiredApprovals = 2;

    private readonly TempDirectory _data = new();
    private readonly FakeSlack _slack;
    private readonly FakeBotFrameworkChannel _teams;
    private readonly (string Key, string Value)[] _extra;

    public CrossPlatformHost(FakeSlack slack, FakeBotFrameworkChannel teams, params (string Key, string Value)[] extra)
    {
        _slack = slack;
        _teams = teams;
        _extra = extra;
        UseKestrel(0);
    }

    /// <summary>Where the embedded simulator's kubeconfig is written (to read the cluster with the real client).</summary>
    public string KubeconfigPath => Path.Combine(_data.Path, "simulator.kubeconfig");

    public HttpClient Client()
    {
        StartServer();
        return CreateClient();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage:DataDirectory"] = _data.Path,
            ["Simulator:Speed"] = "0",
            ["Kubernetes:Cache:Enabled"] = "false",
            ["Slack:SigningSecret"] = SlackRequestSigner.TestSecret,
            ["Slack:BotToken"] = FakeSlack.BotToken,
            ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl.AbsoluteUri,
            ["Authorization:Users:10:Id"] = "slack:UALICE",
            ["Authorization:Users:10:Roles:0"] = "sre",
            ["Authorization:Users:10:Person"] = "alice@example.com",
            ["Authorization:Users:11:Id"] = "slack:UBOB",
            ["Authorization:Users:11:Roles:0"] = "sre",
            ["Authorization:Users:12:Id"] = "teams:aad-bob",
            ["Authorization:Users:12:Roles:0"] = "sre",
            ["Authorization:Users:13:Id"] = "teams:aad-mallory",
            ["Authorization:Users:13:Roles:0"] = "viewer",
            ["Authorization:Users:14:Id"] = "teams:aad-alice",
            ["Authorization:Users:14:Roles:0"] = "sre",
            ["Authorization:Users:14:Person"] = "alice@example.com",
            ["Approvals:Rules:0:Kinds:0"] = "scale-hpa",
            ["Approvals:Rules:0:RequiredApprovals"] = RequiredApprovals.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Approvals:VerificationInterval"] = "00:00:00.100",
        };
        foreach (var (key, value) in _teams.Settings.Concat(_extra))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_teams.Time));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}
