using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Caching;
using OpsBot.Clusters;
using OpsBot.Console;
using OpsBot.Testing;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Checks;

/// <summary>restart-trend on the S1 drill: the simulator's clock moved in steps with a run after each, as the schedule would.</summary>
public sealed class RestartTrendCheckTests
{
    private const string Frontend = "deployment ecommerce-production/frontend";

    /// <summary>Both ways: samples polled from the API (cache off), and from the watch stream (cache on and synced).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RestartTrend_OnS1_AlertsOnceWithARisingSparkline_UpdatesInPlace_AndSaysRecoveredAfterTheMemoryFix(bool cache)
    {
        await using var host = CheckHost.Start(("Checks:RestartTrend:QuietFor", "00:15:00"), ("Kubernetes:Cache:Enabled", cache ? "true" : "false"));
        await host.Console.RunAsync("/drill start s01-frontend-memory-leak");
        await CaughtUpAsync(host);
        await host.Console.RunAsync("/checks run restart-trend");

        var sparklines = new List<string>();
        for (var step = 0; step < 4; step++)
        {
            await StepAsync(host);
            if (FrontendAlerts(host).SingleOrDefault() is { } alert)
            {
                sparklines.Add(SparklineOf(alert.Text));
            }
        }

        Assert.True(FrontendAlerts(host).Count == 1, ConsoleClient.Text(await host.Console.RunAsync("/k8s pods -n ecommerce-production")));
        var opened = Assert.Single(FrontendAlerts(host));
        Assert.Contains($"RESTARTING: {Frontend} restarted", opened.Text, StringComparison.Ordinal);
        Assert.Contains("OOMKilled", opened.Text, StringComparison.Ordinal);
        Assert.Contains("/triage deploy/frontend -n ecommerce-production", opened.MessageJson, StringComparison.Ordinal);
        Assert.True(opened.Updated, "the episode's alert is rewritten in place while it goes on");
        Assert.True(sparklines.Count >= 2, $"the alert was posted early enough to be updated: {string.Join(" | ", sparklines)}");
        Assert.True(sparklines[^1].Length > sparklines[0].Length, $"one bar per interval is added: {string.Join(" | ", sparklines)}");
        Assert.Equal('▁', sparklines[0][0]);
        Assert.Contains('█', sparklines[^1]);

        // The memory fix: 2Gi is above the leak's 1400Mi plateau, so the new pods are not OOMKilled.
        await host.Cluster.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"frontend","resources":{"limits":{"memory":"2Gi"},"requests":{"memory":"1Gi"}}}]}}}}""")!.ToJsonString(), V1Patch.PatchType.StrategicMergePatch),
            "frontend", "ecommerce-production");
        for (var step = 0; step < 8 && !host.Alerts().Any(IsRecovered); step++)
        {
            await StepAsync(host);
        }

        await StepAsync(host);
        await StepAsync(host);
        Assert.True(FrontendAlerts(host).Count == 1, string.Join("\n", host.Alerts().Select(alert => alert.Text)));
        var recovered = Assert.Single(host.Alerts(), IsRecovered);
        Assert.Equal(opened.Id, recovered.ThreadId);
        Assert.Single(FrontendAlerts(host));
    }

    [Fact]
    public async Task RestartTrend_HealthyCluster_SamplesAndSaysNothing()
    {
        await using var host = CheckHost.Start();
        await host.Console.RunAsync("/checks run restart-trend");
        await host.Simulator.Engine.AdvanceAsync(TimeSpan.FromMinutes(5));

        var reply = ConsoleClient.Text(await host.Console.RunAsync("/checks run restart-trend"));

        Assert.Contains("restart-trend: ok", reply, StringComparison.Ordinal);
        Assert.Contains("0 alerts posted", reply, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Alerts(), alert => alert.Text.Contains("RESTARTING", StringComparison.Ordinal));
    }

    /// <summary>
    /// With the cache on, waits until its pods are the API server's (synced, every pod at the server's resourceVersion):
    /// five simulated minutes pass in a blink here, where the schedule leaves the watch minutes to deliver them.
    /// </summary>
    private static async Task CaughtUpAsync(CheckHost host)
    {
        if (host.Host.Services.GetRequiredService<IClusterCaches>().For(host.Host.Services.GetRequiredService<IClusterProvider>().DefaultCluster) is not { } cache)
        {
            return;
        }

        await Eventually.ValueAsync(
            async () =>
            {
                var server = (await host.Cluster.CoreV1.ListPodForAllNamespacesAsync()).Items.Select(pod => $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}@{pod.Metadata.ResourceVersion}").Order(StringComparer.Ordinal);
                var cached = cache.Pods is { HasSynced: true } pods ? pods.List(null).Select(pod => $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}@{pod.Metadata.ResourceVersion}").Order(StringComparer.Ordinal).ToList() : [];
                return server.SequenceEqual(cached, StringComparer.Ordinal);
            },
            same => same,
            "the cache to catch up with the API server's pods");
    }

    private static bool IsRecovered(ConsoleFeedEntry alert) => alert.Text.StartsWith($"Recovered: {Frontend} has not restarted", StringComparison.Ordinal);

    private static List<ConsoleFeedEntry> FrontendAlerts(CheckHost host) =>
        [.. host.Alerts().Where(alert => alert.Text.Contains($"{Frontend} restarted", StringComparison.Ordinal) || alert.Text.Contains($"RECOVERED: {Frontend}", StringComparison.Ordinal))];

    private static string SparklineOf(string text) =>
        new([.. text.SkipWhile(c => c is < '▁' or > '█').TakeWhile(c => c is >= '▁' and <= '█')]);

    /// <summary>Five simulated minutes (every controller, each second), then a run, as the schedule would do it.</summary>
    private static async Task StepAsync(CheckHost host)
    {
        await host.Simulator.Engine.AdvanceAsync(TimeSpan.FromMinutes(5));
        await CaughtUpAsync(host);
        var reply = ConsoleClient.Text(await host.Console.RunAsync("/checks run restart-trend"));
        Assert.Contains("restart-trend: ", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("failed", reply, StringComparison.Ordinal);
    }
}
