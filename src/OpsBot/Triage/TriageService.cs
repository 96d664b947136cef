using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpsBot.Caching;
using OpsBot.Kubernetes;
using OpsBot.Triage.Analyzers;
using OpsBot.Triage.Correlation;
using k8s;

namespace OpsBot.Triage;

/// <summary>Snapshot → analyzers → correlator → report. The analysis is pure (<see cref="Analyze"/>); only the snapshot reads the cluster.</summary>
public sealed partial class TriageService(SnapshotCollector collector, ILogger<TriageService> logger)
{
    public Task<TriageReport> RunAsync(IKubernetes client, TriageTarget target, string cluster, DateTimeOffset now, TimeSpan since, CancellationToken cancellationToken = default) =>
        RunAsync(ClusterReads.ApiOnly(client), target, cluster, now, since, cancellationToken);

    /// <summary>Triage with the snapshot's cached kinds read through <paramref name="reads"/> (watch cache when synced).</summary>
    public async Task<TriageReport> RunAsync(ClusterReads reads, TriageTarget target, string cluster, DateTimeOffset now, TimeSpan since, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var snapshot = await collector.CollectAsync(reads, target, now, since, cancellationToken).ConfigureAwait(false);
        var report = Analyze(snapshot, cluster, logger);
        return report with { Duration = Stopwatch.GetElapsedTime(started), Source = reads.Describe() };
    }

    /// <summary>Runs every analyzer over <paramref name="snapshot"/> and correlates the findings. An analyzer that throws is reported as missing, not fatal.</summary>
    public static TriageReport Analyze(ClusterSnapshot snapshot, string cluster, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var findings = new List<Finding>();
        var missing = new List<MissingData>(snapshot.Missing);
        foreach (var (name, analyze) in TriageAnalyzers.All)
        {
            try
            {
                findings.AddRange(analyze(snapshot));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                if (logger is not null)
                {
                    LogAnalyzerFailed(logger, error, name);
                }

                missing.Add(new MissingData($"analysis {name}", "the analyzer failed; see the bot's log"));
            }
        }

        return new TriageReport
        {
            Target = snapshot.Target,
            Cluster = cluster,
            Since = snapshot.Since,
            GeneratedAt = snapshot.Now,
            Findings = TriageCorrelator.Correlate(findings),
            Missing = missing,
            Counts = new Dictionary<string, int>
            {
                ["pods"] = snapshot.Pods.Count,
                ["deployments"] = snapshot.Deployments.Count,
                ["replicaSets"] = snapshot.ReplicaSets.Count,
                ["events"] = snapshot.Index.RecentEvents.Count,
                ["nodes"] = snapshot.Nodes.Count,
                ["logs"] = snapshot.Logs.Count,
            },
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Triage analyzer {Analyzer} failed")]
    private static partial void LogAnalyzerFailed(ILogger logger, Exception error, string analyzer);
}
