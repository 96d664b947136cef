using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using OpsBot.Chat.Rendering;
using OpsBot.Checks;
using OpsBot.Testing;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Checks;

/// <summary>
/// The daily digest through the console API of the real host on its simulator, compared with golden text
/// (Checks/Golden; times written as &lt;time&gt;), and its Block Kit and Adaptive Card validated by the vendors' packages.
/// </summary>
public sealed partial class DigestTests
{
    [Fact]
    public async Task DigestNow_HealthyCluster_IsAllClearInOneLine()
    {
        await using var host = CheckHost.Start();
        await host.Simulator.Engine.AdvanceAsync(TimeSpan.FromMinutes(2));

        var text = ConsoleClient.Text(await host.Console.RunAsync("/digest now"));

        AssertGolden("digest-healthy.txt", text);
    }

    [Fact]
    public async Task DigestNow_OnS1_ListsTheFrontendTheHpaAtMaxAndTheRestarter()
    {
        await using var host = CheckHost.Start();
        await host.Console.RunAsync("/drill start s01-frontend-memory-leak");
        await host.Console.RunAsync("/checks run restart-trend");
        for (var step = 0; step < 3; step++)
        {
            await host.Simulator.Engine.AdvanceAsync(TimeSpan.FromMinutes(5));
            await host.Console.RunAsync("/checks run restart-trend");
        }

        var text = ConsoleClient.Text(await host.Console.RunAsync("/digest now"));

        AssertGolden("digest-s01.txt", text);
    }

    [Fact]
    public async Task DigestNow_OnS7_ListsTheExpiredCertificate_TheMute_AndACheckThatCouldNotCheck()
    {
        await using var host = CheckHost.Start(services => services.AddSingleton<IRestartSampleSource, UnreachableRestartSource>());
        await host.Console.RunAsync("/drill start s07-tls-certificate-expired");
        await host.Simulator.Engine.AdvanceAsync(TimeSpan.FromMinutes(2));
        await host.Console.RunAsync("/checks run restart-trend");
        await host.Console.RunAsync("/checks mute cert-expiry ecommerce-production/shop-tls 2d \"renewal under way\"");

        var text = ConsoleClient.Text(await host.Console.RunAsync("/digest now"));

        AssertGolden("digest-s07.txt", text);
    }

    [Fact]
    public async Task Digest_ManySections_RendersValidBlockKitAndAdaptiveCard_WithinLimits()
    {
        var lines = Enumerable.Range(1, 40).Select(i => $"deployment ecommerce-production/svc-{i}: 0/3 available <b>&").ToList();
        var report = new DigestReport(
            DateTimeOffset.Parse("2026-12-07T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            [.. Enumerable.Range(1, 11).Select(i => new DigestSection($"Section {i}", lines, "/k8s nodes"))]);
        var message = DigestMessages.Render(report);

        var slack = new SlackBlockKitRenderer().Render(message);
        var card = new AdaptiveCardRenderer().Render(message);

        Assert.True(slack["blocks"]!.AsArray().Count <= 50);
        Assert.Contains(message.Buttons, button => button.Text.StartsWith("More", StringComparison.Ordinal));
        await NodeValidators.ValidateAsync(
            new Dictionary<string, string> { ["digest"] = slack.ToJsonString() },
            new Dictionary<string, string> { ["digest"] = card.ToJsonString() });
    }

    [Fact]
    public async Task DigestSubscribe_ByAViewer_IsDenied_AndNothingChanges()
    {
        await using var host = CheckHost.Start();
        var carol = new ConsoleClient(host.Host.CreateClient(), "carol", "incident");

        var denied = ConsoleClient.Text(await carol.RunAsync("/digest subscribe"));
        var unsubscribe = ConsoleClient.Text(await host.Console.RunAsync("/digest unsubscribe"));

        Assert.Contains("don't have act access", denied, StringComparison.Ordinal);
        Assert.Contains("This channel does not receive the daily digest; nothing was changed", unsubscribe, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DigestSubscribe_ThenUnsubscribe_StoresAndRemovesTheChannel()
    {
        await using var host = CheckHost.Start();

        var subscribed = ConsoleClient.Text(await host.Console.RunAsync("/digest subscribe"));
        var again = ConsoleClient.Text(await host.Console.RunAsync("/digest subscribe"));
        var stored = await host.Host.Services.GetRequiredService<ICheckStore>().DigestSubscriptionsAsync();
        var unsubscribed = ConsoleClient.Text(await host.Console.RunAsync("/digest unsubscribe"));

        Assert.Contains("This channel will receive the daily digest: 0 9 * * * (UTC)", subscribed, StringComparison.Ordinal);
        Assert.Contains("already receives", again, StringComparison.Ordinal);
        Assert.Equal("console:incident", Assert.Single(stored).Key);
        Assert.Contains("no longer receives", unsubscribed, StringComparison.Ordinal);
        Assert.Empty(await host.Host.Services.GetRequiredService<ICheckStore>().DigestSubscriptionsAsync());
    }

    /// <summary>A sample source whose cluster does not answer: restart-trend's run fails and the digest says so.</summary>
    private sealed class UnreachableRestartSource : IRestartSampleSource
    {
        public Task<RestartSnapshot> ReadAsync(string cluster, CancellationToken cancellationToken = default) =>
            throw new HttpRequestException("Connection refused (10.0.0.1:6443)");
    }

    private static void AssertGolden(string file, string text)
    {
        var normalized = Times().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "<time>").TrimEnd() + "\n";
        var path = Path.Combine(RepositoryRoot.Find(), "tests", "OpsBot.Tests", "Checks", "Golden", file);
        Assert.True(File.Exists(path), $"missing golden {file}; the digest was:\n{normalized}");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), normalized);
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")]
    private static partial Regex Times();
}
