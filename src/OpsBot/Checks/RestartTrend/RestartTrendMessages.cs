using System.Globalization;
using OpsBot.Chat.Messages;
using OpsBot.Commands;

namespace OpsBot.Checks;

/// <summary>The restart-trend alert (rewritten in place while the episode goes on) and its "recovered" follow-up.</summary>
public static class RestartTrendMessages
{
    public static ChatMessage Alert(WorkloadRestartSeries series, double baselinePerHour, DateTimeOffset since, DateTimeOffset now, bool recovered)
    {
        ArgumentNullException.ThrowIfNull(series);
        var name = $"{series.Kind} {series.Namespace}/{series.Name}";
        var lastHour = series.RestartsAfter(now - TimeSpan.FromHours(1));
        var reason = series.LastReason;
        var headline = recovered
            ? $"RECOVERED: {name} has stopped restarting (episode since {Format(since)})"
            : $"RESTARTING: {name} restarted {Times(lastHour)} in the last hour (its 24 h baseline: {Rate(baselinePerHour)})" + (reason is null ? string.Empty : $" — last reason {reason}");
        var points = series.Points.TakeLast(RestartTrendCheck.SparklineIntervals).ToList();
        var spark = Sparkline.Of(points.Select(point => point.Restarts));
        var waiting = series.Points.Count > 0 ? series.Points[^1].WaitingReason : null;
        var blocks = new List<MessageBlock>
        {
            new SectionBlock(RichText.Bold(headline))
            {
                Fields =
                [
                    new("Workload", RichText.Plain($"{series.Workload} in {series.Namespace}")),
                    new("Last hour", RichText.Plain(Times(lastHour))),
                    new("Baseline (24 h)", RichText.Plain(Rate(baselinePerHour))),
                    new("Last reason", RichText.Plain(reason ?? "not reported")),
                    new("Now", RichText.Plain(waiting ?? (recovered ? "running" : "running between restarts"))),
                    new("Since", RichText.Plain(Format(since))),
                ],
            },
            new SectionBlock(new RichText(
            [
                new TextRun("Restarts per interval, oldest → newest: "),
                new TextRun(spark, TextStyle.Code),
                new TextRun($" ({string.Join(", ", points.Select(point => point.Restarts.ToString(CultureInfo.InvariantCulture)))}; last {Format(points.Count > 0 ? points[^1].At : now)})"),
            ])),
        };
        if (!recovered)
        {
            blocks.Add(new SectionBlock(NextStep(series, reason)));
            blocks.Add(new ActionsBlock(
            [
                RunCommandButton.For("Triage", TriageCommand(series)),
                RunCommandButton.For("Pods in " + series.Namespace, $"/k8s pods -n {series.Namespace} --cluster {series.Cluster}"),
            ]));
        }

        blocks.Add(new ContextBlock([RichText.Plain($"restart-trend · cluster {series.Cluster} · one alert per episode, updated in place · /checks mute restart-trend {series.Namespace}/{series.Name} 1d \"reason\" to hold alerts")]));
        return new ChatMessage(headline) { Header = recovered ? "Restarts: recovered" : "Restarts rising", Blocks = blocks };
    }

    public static ChatMessage Recovered(WorkloadRestartSeries series, DateTimeOffset since, DateTimeOffset now, TimeSpan quietFor)
    {
        ArgumentNullException.ThrowIfNull(series);
        var during = series.RestartsAfter(since - TimeSpan.FromHours(1));
        var text = $"Recovered: {series.Kind} {series.Namespace}/{series.Name} has not restarted for {(int)quietFor.TotalMinutes} min ({Times(during)} from {Format(since - TimeSpan.FromHours(1))} to {Format(now - quietFor)}).";
        return new ChatMessage(text) { Blocks = [new SectionBlock(RichText.Plain(text))] };
    }

    /// <summary>The follow-up that closes the episode of a workload whose pods are all gone (deleted, or scaled to zero).</summary>
    public static ChatMessage Gone(AlertTarget target, DateTimeOffset since, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        var text = $"Ended: {target.Kind} {target.Namespace}/{target.Name} has no pods any more (deleted or scaled to zero), so nothing is restarting; this restart episode (since {Format(since)}) is closed at {Format(now)}.";
        return new ChatMessage(text) { Blocks = [new SectionBlock(RichText.Plain(text))] };
    }

    /// <summary>The <c>/triage</c> command for the workload: the Deployment itself, else its most restarted pod.</summary>
    public static string TriageCommand(WorkloadRestartSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var target = series.Kind == "deployment" ? $"deploy/{series.Name}"
            : $"pod/{series.Points.LastOrDefault(point => point.Restarts > 0)?.Pod ?? series.Points[^1].Pod ?? series.Name}";
        return $"/triage {target} -n {series.Namespace} --cluster {series.Cluster}";
    }

    private static RichText NextStep(WorkloadRestartSeries series, string? reason) => reason switch
    {
        "OOMKilled" => new RichText(
        [
            new TextRun("Next step: the containers are killed for memory (exit 137). Compare usage with the limit ("),
            new TextRun($"kubectl top pod -n {series.Namespace}", TextStyle.Code),
            new TextRun("), read the previous container's last lines, then raise the memory limit or fix the leak. Triage does both."),
        ]),
        _ => new RichText(
        [
            new TextRun("Next step: read why the previous container ended ("),
            new TextRun($"kubectl logs POD -n {series.Namespace} --previous", TextStyle.Code),
            new TextRun(") and the pod's events (a failing liveness probe restarts a container that is merely slow). Triage does both."),
        ]),
    };

    private static string Times(int count) => count == 1 ? "1 time" : $"{count} times";

    private static string Rate(double perHour) => perHour.ToString("0.#", CultureInfo.InvariantCulture) + "/h";

    private static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
