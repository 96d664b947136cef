using System.Net;
using System.Net.Http.Json;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpsBot.Console;
using OpsBot.Operations;
using OpsBot.Tests.Hosting;

namespace OpsBot.Tests.Console;

/// <summary>
/// The console API is never open beyond loopback without <c>Console:Token</c>, whichever setting bound the server
/// (outside probes got 200 from another address when <c>ASPNETCORE_URLS</c>, <c>urls</c> or <c>Kestrel:Endpoints</c>
/// bound 0.0.0.0): the real process refuses to start, and no command sent to a non-loopback address of this machine
/// runs meanwhile.
/// </summary>
public sealed class ConsoleExposureTests
{
    // (how the address is configured, environment, command-line arguments); {port} and {lan} are filled in.
    public static TheoryData<string, string[], string[]> BindingRoutes => new()
    {
        { "ASPNETCORE_URLS", ["ASPNETCORE_URLS=http://0.0.0.0:{port}"], [] },
        { "--urls", [], ["--urls", "http://{lan}:{port}"] },
        { "urls setting", ["urls=http://*:{port}"], [] },
        { "Kestrel:Endpoints", ["Kestrel__Endpoints__Http__Url=http://[::]:{port}"], [] },
        { "Console:Urls", ["Console__Urls=http://0.0.0.0:{port}"], [] },
    };

    [Theory]
    [MemberData(nameof(BindingRoutes))]
    public async Task Start_BoundBeyondLoopbackWithoutToken_RefusesWithOneLine_AndNoCommandRuns(string route, string[] environment, string[] arguments)
    {
        var port = OpsBotRun.FreePort();
        var lan = LanAddress();
        string Fill(string text) => text.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("{lan}", lan.ToString(), StringComparison.Ordinal);
        var variables = environment.Select(Fill).Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        await using var bot = OpsBotRun.Start(variables, [.. arguments.Select(Fill)]);

        // From a non-loopback address of this machine, as another host on the network would: ask it to run a command
        // until the process is gone. Connection refused and 403 (closed until the addresses are checked) are fine.
        var answers = await HammerAsync(bot, new Uri($"http://{(lan.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{lan}]" : lan.ToString())}:{port}/api/console/commands"));
        var exitCode = await bot.ExitCodeAsync(TimeSpan.FromSeconds(90));

        Assert.True(exitCode == 1, $"{route}: exit code {exitCode}\n{bot.StandardOutput}\n{bot.StandardError}");
        var line = Assert.Single(bot.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith(StartupRefusals.Prefix + "Console:Token is required", line, StringComparison.Ordinal);
        Assert.DoesNotContain(HttpStatusCode.OK, answers);
        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Forbidden, status));
    }

    [Fact]
    public async Task Start_BoundBeyondLoopbackWithToken_RequestsWithoutItAre401_AndWithItRun()
    {
        var port = OpsBotRun.FreePort();
        var lan = LanAddress();
        await using var bot = OpsBotRun.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://0.0.0.0:{port}",
            ["Console__Token"] = "a-long-random-console-token-for-tests",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://{lan}:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilServingAsync(http, bot);

        using var without = await http.PostAsJsonAsync("api/console/commands", new { text = "/k8s pods -A", user = "alice" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/console/commands") { Content = JsonContent.Create(new { text = "/k8s pods -A", user = "alice" }) };
        request.Headers.Authorization = new("Bearer", "a-long-random-console-token-for-tests");
        using var with = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://127.10.0.3:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::ffff:127.0.0.1]:5080", true)]
    [InlineData("http://unix:/run/opsbot.sock", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://192.0.2.2:5080", false)]
    [InlineData("http://opsbot.internal:5080", false)]
    [InlineData("http://localhost.evil.example:5080", false)]
    [InlineData("not a url", false)]
    public void IsLocalOnly_Address_LoopbackOnlyIsLocal(string address, bool local)
    {
        Assert.Equal(local, ConsoleExposure.IsLocalOnly(address));
    }

    [Theory]
    [InlineData("192.0.2.2", HttpStatusCode.Forbidden)]
    [InlineData("::ffff:10.1.2.3", HttpStatusCode.Forbidden)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("::1", HttpStatusCode.OK)]
    public async Task Filter_NoToken_RequestFromAnotherMachineIsRefused(string remote, HttpStatusCode expected)
    {
        var exposure = new ConsoleExposure(new FakeServer("http://127.0.0.1:5080"), Options.Create(new ConsoleOptions()));
        await exposure.StartedAsync(CancellationToken.None);
        var filter = new ConsoleTokenFilter(Options.Create(new ConsoleOptions()), exposure);
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);

        var result = await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(context), _ => ValueTask.FromResult<object?>(TypedResults.Ok()));

        Assert.Equal((int)expected, ((Microsoft.AspNetCore.Http.IStatusCodeHttpResult)result!).StatusCode);
    }

    [Fact]
    public async Task Filter_BeforeTheAddressesAreChecked_IsClosed()
    {
        var exposure = new ConsoleExposure(new FakeServer("http://127.0.0.1:5080"), Options.Create(new ConsoleOptions()));
        var filter = new ConsoleTokenFilter(Options.Create(new ConsoleOptions()), exposure);
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;

        var result = await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(context), _ => ValueTask.FromResult<object?>(TypedResults.Ok()));

        Assert.Equal(StatusCodes.Status403Forbidden, ((Microsoft.AspNetCore.Http.IStatusCodeHttpResult)result!).StatusCode);
    }

    [Fact]
    public async Task StartedAsync_NonLoopbackWithoutToken_Refuses()
    {
        var exposure = new ConsoleExposure(new FakeServer("http://127.0.0.1:5080", "http://[::]:5081"), Options.Create(new ConsoleOptions()));

        var refusal = await Assert.ThrowsAsync<StartupRefusedException>(() => exposure.StartedAsync(CancellationToken.None));

        Assert.Contains("http://[::]:5081", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("http://127.0.0.1:5080", refusal.Message, StringComparison.Ordinal);
        Assert.NotNull(exposure.Closed);
    }

    // An IPv4 address of this machine other than loopback (what another host would connect to); loopback when there is none.
    private static IPAddress LanAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address))
        ?? IPAddress.Loopback;

    private static async Task<List<HttpStatusCode>> HammerAsync(OpsBotRun bot, Uri url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var answers = new List<HttpStatusCode>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (!bot.HasExited && DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                using var response = await http.PostAsJsonAsync(url, new { text = "/k8s pods -A", user = "alice" });
                answers.Add(response.StatusCode);
            }
            catch (HttpRequestException)
            {
                // Not listening (yet, or any more).
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(10);
        }

        return answers;
    }

    private static async Task WaitUntilServingAsync(HttpClient http, OpsBotRun bot)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (DateTimeOffset.UtcNow < deadline && !bot.HasExited)
        {
            try
            {
                using var ready = await http.GetAsync("readyz");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"OpsBot did not become ready.\n{bot.StandardOutput}\n{bot.StandardError}");
    }

    private sealed class FakeServer(params string[] addresses) : IServer
    {
        public IFeatureCollection Features { get; } = Addresses(addresses);

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }

        private static FeatureCollection Addresses(string[] addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }

            var features = new FeatureCollection();
            features.Set<IServerAddressesFeature>(feature);
            return features;
        }
    }
}
