using Microsoft.Extensions.Options;
using OpsBot.Clusters;
using OpsBot.ClusterObjects;
using OpsBot.Commands;
using OpsBot.Scheduling;

namespace OpsBot.Checks;

/// <summary>
/// <c>restart-trend</c>: samples every container's restart count (<see cref="IRestartSampleSource"/>) into the store's
/// time series, then looks at each workload's restarts per interval. A workload whose last hour exceeds its own
/// baseline (the 23 hours before) by <c>Checks:RestartTrend:Factor</c> (and at least <c>MinRestarts</c>), or whose
/// crash loop / OOM series starts (restarts in each of the last two intervals, OOMKilled or CrashLoopBackOff), opens an
/// episode: one alert, updated in place while it goes on, and one "recovered" follow-up in its thread when it has not
/// restarted for <c>QuietFor</c>. Samples are stamped and windows measured on the cluster's clock.
/// </summary>
public sealed class RestartTrendCheck(
    IClusterProvider clusters,
    IRestartSampleSource samples,
    ICheckStore store,
    AlertPublisher publisher,
    IOptions<ChecksOptions> options,
    IOptions<CommandOptions> commands) : ICheck
{
    public const string CheckName = "restart-trend";

    /// <summary>The state level of an open episode.</summary>
    public const string RestartingLevel = "restarting";

    /// <summary>How many intervals the alert's sparkline shows (2 hours at the default 5 minutes).</summary>
    public const int SparklineIntervals = 24;

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public string Name => CheckName;

    public string Summary => $"restarts per workload against its own 24 h baseline (x{Trend.Factor}, at least {Trend.MinRestarts} an hour) and crash-loop/OOM series";

    public JobSchedule? Schedule => Trend.Enabled ? ChecksSchedules.Of(Trend.Cron, options.Value) : null;

    private RestartTrendOptions Trend => options.Value.RestartTrend;

    public async Task<CheckResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var counts = new RunCounts();
        var failures = new List<string>();
        foreach (var cluster in clusters.ClusterNames)
        {
            RestartSnapshot snapshot;
            try
            {
                snapshot = await samples.ReadAsync(cluster, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add(KubernetesErrorMessages.Describe(error, cluster, commands.Value.Timeout) ?? $"{cluster}: {Chat.LogText.Sanitize(error.Message)}");
                continue;
            }

            // Whole seconds: the stores keep microseconds at best, and the series is matched on the sample's time.
            snapshot = snapshot with { At = new DateTimeOffset(snapshot.At.UtcTicks - (snapshot.At.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero) };
            await store.AddRestartSamplesAsync(snapshot, cancellationToken).ConfigureAwait(false);
            await store.PruneRestartSamplesAsync(cluster, snapshot.At - Trend.Retention, cancellationToken).ConfigureAwait(false);
            var history = await store.RestartSamplesAsync(cluster, snapshot.At - Day - Hour, cancellationToken).ConfigureAwait(false);
            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var series in RestartSeries.Build(history).Where(series => series.Points.Count > 0 && series.Points[^1].At == snapshot.At))
            {
                counts.Workloads++;
                present.Add(new AlertTarget(CheckName, series.Cluster, series.Namespace, series.Kind, series.Name).Key);
                await EvaluateAsync(series, snapshot.At, counts, cancellationToken).ConfigureAwait(false);
            }

            await CloseGoneAsync(cluster, present, snapshot.At, counts, cancellationToken).ConfigureAwait(false);

            counts.Containers += snapshot.Containers.Count;
        }

        var summary = $"{counts.Workloads} workloads sampled ({counts.Containers} containers): {counts.Posted} alerts posted, {counts.Updated} updated, {counts.Recovered} recovered, {counts.Muted} muted";
        if (failures.Count > 0)
        {
            return new CheckResult(CheckOutcome.Failed, "could not check " + string.Join("; ", failures) + (counts.Workloads > 0 ? $" ({summary})" : string.Empty), counts.Posted, counts.Muted);
        }

        return new CheckResult(counts.Posted + counts.Muted + counts.Recovered > 0 ? CheckOutcome.Alerted : CheckOutcome.Ok, summary, counts.Posted + counts.Recovered, counts.Muted);
    }

    /// <summary>Restarts per hour over the 23 hours before the last one (as much of them as was sampled); 0 with less than an hour of history.</summary>
    public static double BaselinePerHour(WorkloadRestartSeries series, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(series);
        var end = now - Hour;
        var start = now - Day;
        var points = series.Points.Where(point => point.At > start && point.At <= end).ToList();
        if (points.Count == 0)
        {
            return 0;
        }

        var hours = (end - points[0].At).TotalHours;
        return hours < 1 ? 0 : points.Sum(point => point.Restarts) / Math.Min(hours, 23);
    }

    /// <summary>
    /// Whether the last hour exceeds the baseline by the margin, or a crash-loop/OOM series has started — counting only
    /// restarts after <paramref name="notBefore"/> (the end of the workload's previous episode: what it already said is
    /// not a new episode).
    /// </summary>
    public static bool IsRestarting(WorkloadRestartSeries series, DateTimeOffset now, RestartTrendOptions trend, DateTimeOffset? notBefore = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(trend);
        var from = notBefore is { } end && end > now - Hour ? end : now - Hour;
        var lastHour = series.RestartsAfter(from);
        if (lastHour >= trend.MinRestarts && lastHour > BaselinePerHour(series, now) * trend.Factor)
        {
            return true;
        }

        var lastTwo = series.Points.Where(point => notBefore is null || point.At > notBefore).TakeLast(2).ToList();
        return lastTwo.Count == 2 && lastTwo.All(point => point.Restarts > 0 && (point.LastReason == "OOMKilled" || point.WaitingReason == "CrashLoopBackOff"));
    }

    private async Task EvaluateAsync(WorkloadRestartSeries series, DateTimeOffset now, RunCounts counts, CancellationToken cancellationToken)
    {
        var target = new AlertTarget(CheckName, series.Cluster, series.Namespace, series.Kind, series.Name);
        var previous = await store.GetAlertAsync(CheckName, target.Key, cancellationToken).ConfigureAwait(false);
        var baseline = BaselinePerHour(series, now);
        if (previous is { Level: RestartingLevel, Value: { } since })
        {
            if (series.RestartsAfter(now - Trend.QuietFor) > 0)
            {
                counts.Updated += await publisher.UpdateAsync(previous, RestartTrendMessages.Alert(series, baseline, since, now, recovered: false), cancellationToken).ConfigureAwait(false) ? 1 : 0;
                return;
            }

            var resolved = await publisher.ResolveAsync(target, previous, now, RestartTrendMessages.Recovered(series, since, now, Trend.QuietFor), cancellationToken).ConfigureAwait(false);
            if (resolved == AlertDelivery.Posted && previous is { Muted: false, Subject: not null })
            {
                counts.Recovered++;
                await publisher.UpdateAsync(previous, RestartTrendMessages.Alert(series, baseline, since, now, recovered: true), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (!IsRestarting(series, now, Trend, previous?.Value))
        {
            return;
        }

        var delivery = await publisher.AlertAsync(target, previous, RestartingLevel, now, RestartTrendMessages.Alert(series, baseline, now, now, recovered: false), cancellationToken).ConfigureAwait(false);
        switch (delivery)
        {
            case AlertDelivery.Posted:
                counts.Posted++;
                break;
            case AlertDelivery.Muted:
                counts.Muted++;
                break;
        }
    }

    /// <summary>
    /// Ends the open episodes of this cluster's workloads that have no pod in this sample (deleted, or scaled to zero):
    /// nothing can restart any more, so one "Ended" follow-up goes into the alert's thread instead of an alert open forever.
    /// </summary>
    private async Task CloseGoneAsync(string cluster, HashSet<string> present, DateTimeOffset now, RunCounts counts, CancellationToken cancellationToken)
    {
        foreach (var open in await store.AlertsAsync(CheckName, cancellationToken).ConfigureAwait(false))
        {
            if (open is not { Level: RestartingLevel, Value: { } since } || present.Contains(open.Target) || ParseTarget(open.Target) is not { } target || target.Cluster != cluster)
            {
                continue;
            }

            var resolved = await publisher.ResolveAsync(target, open, now, RestartTrendMessages.Gone(target, since, now), cancellationToken).ConfigureAwait(false);
            if (resolved == AlertDelivery.Posted && open is { Muted: false, Subject: not null })
            {
                counts.Recovered++;
            }
        }
    }

    // cluster/namespace/kind/name; a cluster's name may itself hold a '/', so the key is read from its end.
    private static AlertTarget? ParseTarget(string key)
    {
        var parts = key.Split('/');
        return parts.Length < 4 ? null : new AlertTarget(CheckName, string.Join('/', parts[..^3]), parts[^3], parts[^2], parts[^1]);
    }

    private sealed class RunCounts
    {
        public int Workloads { get; set; }

        public int Containers { get; set; }

        public int Posted { get; set; }

        public int Updated { get; set; }

        public int Recovered { get; set; }

        public int Muted { get; set; }
    }
}
