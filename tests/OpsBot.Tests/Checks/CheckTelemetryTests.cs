using OpsBot.Tests.Console;
using OpsBot.Tests.Operations;

namespace OpsBot.Tests.Checks;

/// <summary>Every check run is counted by check and outcome, with its duration, in what <c>/metrics</c> serves.</summary>
public sealed class CheckTelemetryTests
{
    [Fact]
    public async Task CheckRuns_AreCountedByCheckAndOutcome_WithTheirDuration_OnMetrics()
    {
        await using var host = CheckHost.Start();
        await host.Console.RunAsync("/checks run cert-expiry");
        await host.Console.RunAsync("/checks run restart-trend");

        using var client = host.Host.CreateClient();
        var text = await client.GetStringAsync("/metrics");
        var samples = PrometheusSample.Parse(text);

        Assert.Contains("# TYPE opsbot_check_runs_total counter", text, StringComparison.Ordinal);
        Assert.Contains(samples, sample => sample.Name == "opsbot_check_runs_total" && sample.Has([("check", "cert-expiry"), ("outcome", "ok")]) && sample.Value >= 1);
        Assert.Contains(samples, sample => sample.Name == "opsbot_check_runs_total" && sample.Has([("check", "restart-trend"), ("outcome", "ok")]) && sample.Value >= 1);
        Assert.Contains(samples, sample => sample.Name == "opsbot_check_duration_seconds_count" && sample.Has([("check", "restart-trend")]) && sample.Value >= 1);
    }
}
