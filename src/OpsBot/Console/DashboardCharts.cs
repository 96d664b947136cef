using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OpsBot.Checks;
using OpsBot.Clusters;

namespace OpsBot.Console;

/// <summary>
/// What <c>GET /api/dashboard/charts</c> answers: restarts over time of the most restarting workloads (restart-trend's
/// stored series), days left per certificate (cert-expiry's stored state), both as server-rendered SVG with the numbers
/// beside them, and each check's schedule, last run and next run. Read from the store only: no cluster call, so the
/// charts cost nothing however often the page polls. Times are the clusters' own (the simulator's virtual clock in drills).
/// </summary>
public sealed partial class DashboardCharts(
    IClusterProvider clusters,
    TimeProvider time,
    ILogger<DashboardCharts> logger,
    ICheckStore? store = null,
    CheckCatalog? catalog = null,
    IOptions<ChecksOptions>? options = null,
    IClusterClock? clusterClock = null)
{
    /// <summary>Workloads drawn on the restarts chart.</summary>
    public const int TopWorkloads = 5;

    /// <summary>Certificates drawn (soonest to expire first).</summary>
    public const int MaxCertificates = 12;

    /// <summary>The days-left axis ends here (a 90-day certificate fills it).</summary>
    public const int ScaleDays = 90;

    private static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public async Task<JsonObject> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (store is null || catalog is null || options is null)
        {
            return new JsonObject { ["error"] = "Scheduled checks are not enabled on this host." };
        }

        return new JsonObject
        {
            ["generatedAt"] = Format(time.GetUtcNow()),
            ["restarts"] = await SectionAsync("restarts", () => RestartsAsync(store, cancellationToken)).ConfigureAwait(false),
            ["certificates"] = await SectionAsync("certificates", () => CertificatesAsync(store, cancellationToken)).ConfigureAwait(false),
            ["checks"] = await SectionAsync("checks", () => ChecksAsync(store, catalog, options.Value, cancellationToken)).ConfigureAwait(false),
        };
    }

    private async Task<JsonNode> RestartsAsync(ICheckStore checks, CancellationToken cancellationToken)
    {
        var several = clusters.ClusterNames.Count > 1;
        var candidates = new List<(WorkloadRestartSeries Series, int Total)>();
        DateTimeOffset? from = null;
        DateTimeOffset? to = null;
        foreach (var cluster in clusters.ClusterNames)
        {
            var now = ClusterNow(cluster);
            var samples = await checks.RestartSamplesAsync(cluster, now - Window, cancellationToken).ConfigureAwait(false);
            if (samples.Count == 0)
            {
                continue;
            }

            from = Min(from, samples.Min(sample => sample.At));
            to = Max(to, samples.Max(sample => sample.At));
            candidates.AddRange(RestartSeries.Build(samples).Select(series => (series, series.Points.Sum(point => point.Restarts))).Where(entry => entry.Item2 > 0));
        }

        var top = candidates.OrderByDescending(entry => entry.Total).ThenBy(entry => Label(entry.Series, several), StringComparer.Ordinal).Take(TopWorkloads).ToList();
        var lines = top.Select(entry => new DashboardRestartLine(Label(entry.Series, several), [.. entry.Series.Points.Select(point => (point.At, point.Restarts))])).ToList();
        var start = from ?? time.GetUtcNow();
        var end = to ?? start;
        return new JsonObject
        {
            ["from"] = Format(start),
            ["to"] = Format(end),
            ["workloads"] = new JsonArray([.. lines.Select(line => (JsonNode)new JsonObject { ["label"] = line.Label, ["total"] = line.Total })]),
            ["svg"] = DashboardChartSvg.RestartLines(lines, start, end),
        };
    }

    private async Task<JsonNode> CertificatesAsync(ICheckStore checks, CancellationToken cancellationToken)
    {
        var several = clusters.ClusterNames.Count > 1;
        var states = await checks.AlertsAsync(CertExpiryCheck.CheckName, cancellationToken).ConfigureAwait(false);
        var bars = new List<DashboardCertificateBar>();
        foreach (var state in states)
        {
            var parts = state.Target.Split('/');
            if (state.Value is not { } notAfter || parts.Length < 4)
            {
                continue;
            }

            var cluster = string.Join('/', parts[..^3]);
            var label = (several ? cluster + "/" : string.Empty) + $"{parts[^3]}/{parts[^1]}";
            bars.Add(new DashboardCertificateBar(label, (notAfter - ClusterNow(cluster)).TotalDays));
        }

        var shown = bars.OrderBy(bar => bar.DaysLeft).ThenBy(bar => bar.Label, StringComparer.Ordinal).Take(MaxCertificates).ToList();
        return new JsonObject
        {
            ["total"] = bars.Count,
            ["items"] = new JsonArray([.. shown.Select(bar => (JsonNode)new JsonObject { ["label"] = bar.Label, ["daysLeft"] = Math.Round(bar.DaysLeft, 1) })]),
            ["svg"] = DashboardChartSvg.CertificateBars(shown, ScaleDays),
        };
    }

    private async Task<JsonNode> ChecksAsync(ICheckStore checks, CheckCatalog known, ChecksOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var runs = await checks.LastRunsAsync(cancellationToken).ConfigureAwait(false);
        var digest = settings.Digest.Enabled ? ChecksSchedules.Of(settings.Digest.Cron, settings) : null;
        var jobs = known.All.Select(check => (Name: check.Name, Schedule: check.Schedule)).Append<(string Name, Scheduling.JobSchedule? Schedule)>((DigestJob.JobName, digest));
        return new JsonArray([.. jobs.Select(job =>
        {
            runs.TryGetValue(job.Name, out var last);
            return (JsonNode)new JsonObject
            {
                ["name"] = job.Name,
                ["schedule"] = job.Schedule?.Cron ?? "off",
                ["timeZone"] = job.Schedule?.TimeZone.Id,
                ["lastRun"] = last is null ? null : Format(last.FinishedAt),
                ["trigger"] = last?.Trigger,
                ["outcome"] = last?.Outcome.ToString().ToLowerInvariant(),
                ["summary"] = last?.Summary,
                ["nextRun"] = job.Schedule?.NextAfter(now) is { } next ? Format(next) : null,
            };
        })]);
    }

    private DateTimeOffset ClusterNow(string cluster)
    {
        try
        {
            return (clusterClock?.For(clusters.GetClient(cluster)) ?? time).GetUtcNow();
        }
        catch (UnknownClusterException)
        {
            // A state left by a cluster no longer configured: read on the bot's clock.
            return time.GetUtcNow();
        }
    }

    private static string Label(WorkloadRestartSeries series, bool withCluster) =>
        (withCluster ? series.Cluster + "/" : string.Empty) + $"{series.Namespace} {series.Kind}/{series.Name}";

    private static DateTimeOffset Min(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value < b ? value : b;

    private static DateTimeOffset Max(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value > b ? value : b;

    private async Task<JsonNode> SectionAsync(string section, Func<Task<JsonNode>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogSectionFailed(error, section);
            return new JsonObject { ["error"] = $"The {section} chart could not be read; see the log." };
        }
    }

    private static string Format(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard: the {Section} chart could not be read")]
    private partial void LogSectionFailed(Exception error, string section);
}
