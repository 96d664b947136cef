using k8s;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Checks;
using OpsBot.Console;
using OpsBot.Scheduling;
using OpsBot.Tests.Console;
using OpsBot.Tests.Operations;

namespace OpsBot.Tests.Checks;

/// <summary>The digest's runs counted like a check's, and a restart episode whose workload is deleted closed once.</summary>
public sealed class CheckLifecycleTests
{
    private const string Frontend = "deployment ecommerce-production/frontend";

    [Fact]
    public async Task DigestJob_Run_IsRecordedAndCountedAsACheckRun_ShownInChecksList()
    {
        await using var host = CheckHost.Start();
        var before = ConsoleClient.Text(await host.Console.RunAsync("/checks list"));
        await host.Console.RunAsync("/digest subscribe");
        var digest = host.Host.Services.GetServices<IScheduledJob>().Single(job => job.Name == DigestJob.JobName);

        await digest.RunAsync(new JobOccurrence("1", host.ClusterNow));

        var list = await host.Console.RunAsync("/checks list");
        var row = DigestRow(list);
        Assert.Contains("digest", before, StringComparison.Ordinal);
        Assert.Equal(["digest", "0 9 * * *", "UTC"], row.Take(3));
        Assert.EndsWith("(schedule)", row[3], StringComparison.Ordinal);
        Assert.StartsWith("ok: posted to 1 of 1 channels (", row[4], StringComparison.Ordinal);
        Assert.Single(host.Host.Services.GetRequiredService<ConsoleFeed>().Read("incident", 0).Messages, message => message.User is null && message.Text.Contains("Daily digest ", StringComparison.Ordinal));
        using var client = host.Host.CreateClient();
        var samples = PrometheusSample.Parse(await client.GetStringAsync("/metrics"));
        Assert.Contains(samples, sample => sample.Name == "opsbot_check_runs_total" && sample.Has([("check", "digest"), ("outcome", "ok")]) && sample.Value >= 1);
    }

    [Fact]
    public async Task DigestJob_NoSubscriber_IsStillARecordedRun()
    {
        await using var host = CheckHost.Start(("Checks:Digest:Enabled", "false"));
        var digest = host.Host.Services.GetServices<IScheduledJob>().Single(job => job.Name == DigestJob.JobName);

        await digest.RunAsync(new JobOccurrence(null, null));

        var row = DigestRow(await host.Console.RunAsync("/checks list"));
        Assert.Equal(["digest", "off", "-"], row.Take(3));
        Assert.Equal("ok: no channel is subscribed (/digest subscribe): nothing posted", row[4]);
        Assert.Equal("-", row[5]);
    }

    [Fact]
    public async Task RestartTrend_WorkloadDeletedDuringAnEpisode_EndsItOnceInTheThread()
    {
        await using var host = CheckHost.Start();
        await host.Console.RunAsync("/drill start s01-frontend-memory-leak");
        await host.Console.RunAsync("/checks run restart-trend");
        for (var step = 0; step < 6 && FrontendAlerts(host).Count == 0; step++)
        {
            await StepAsync(host);
        }

        var opened = Assert.Single(FrontendAlerts(host));

        await host.Cluster.AppsV1.DeleteNamespacedDeploymentAsync("frontend", "ecommerce-production", propagationPolicy: "Background");
        for (var step = 0; step < 4; step++)
        {
            await StepAsync(host);
        }

        var ended = Assert.Single(host.Alerts(), alert => alert.Text.StartsWith($"Ended: {Frontend} has no pods any more (deleted or scaled to zero)", StringComparison.Ordinal));
        Assert.Equal(opened.Id, ended.ThreadId);
        Assert.Single(FrontendAlerts(host));
        var state = await host.Host.Services.GetRequiredService<ICheckStore>().AlertsAsync(RestartTrendCheck.CheckName);
        Assert.DoesNotContain(state, alert => alert.Level == RestartTrendCheck.RestartingLevel);
    }

    private static IReadOnlyList<string> DigestRow(System.Text.Json.Nodes.JsonObject reply)
    {
        var table = reply["message"]!["blocks"]!.AsArray().First(block => (string?)block!["type"] == "table")!;
        var row = table["rows"]!.AsArray().Single(r => (string?)r![0] == "digest")!;
        return [.. row.AsArray().Select(cell => (string?)cell ?? string.Empty)];
    }

    private static List<ConsoleFeedEntry> FrontendAlerts(CheckHost host) =>
        [.. host.Alerts().Where(alert => alert.Text.Contains($"RESTARTING: {Frontend} restarted", StringComparison.Ordinal))];

    private static async Task StepAsync(CheckHost host)
    {
        await host.Simulator.Engine.AdvanceAsync(TimeSpan.FromMinutes(5));
        var reply = ConsoleClient.Text(await host.Console.RunAsync("/checks run restart-trend"));
        Assert.DoesNotContain("failed", reply, StringComparison.Ordinal);
    }
}
