using System.Globalization;
using Microsoft.Extensions.Options;
using OpsBot.Clusters;
using OpsBot.Commands;
using OpsBot.ClusterObjects;
using OpsBot.Scheduling;

namespace OpsBot.Checks;

/// <summary>
/// <c>cert-expiry</c>: every certificate of every cluster (<see cref="CertificateInventory"/>) against the thresholds
/// (<c>Checks:CertExpiry:Days</c>, default 28, 14, 7, 1 days left) and expiry, on the cluster's own clock (the simulator's
/// virtual one in drills). Each certificate alerts once per threshold it crosses; a renewed one (a later notAfter) gets
/// one "renewed" follow-up in its last alert's thread. A cluster that cannot be read is reported, never guessed at.
/// </summary>
public sealed class CertExpiryCheck(
    IClusterProvider clusters,
    IClusterClock clusterClock,
    TimeProvider time,
    ICheckStore store,
    AlertPublisher publisher,
    IOptions<ChecksOptions> options,
    IOptions<CommandOptions> commands) : ICheck
{
    public const string CheckName = "cert-expiry";

    /// <summary>The state level of an expired certificate.</summary>
    public const string ExpiredLevel = "expired";

    public string Name => CheckName;

    public string Summary => "TLS certificates (Secrets, Ingress TLS, cert-manager) against " + string.Join(", ", Thresholds) + " days left and expiry";

    public JobSchedule? Schedule => options.Value.CertExpiry.Enabled ? ChecksSchedules.Of(options.Value.CertExpiry.Cron, options.Value) : null;

    private IReadOnlyList<int> Thresholds => options.Value.CertExpiry.Thresholds;

    public async Task<CheckResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var counts = new RunCounts();
        var failures = new List<string>();
        foreach (var cluster in clusters.ClusterNames)
        {
            IReadOnlyList<ObservedCertificate> certificates;
            var client = clusters.GetClient(cluster);
            try
            {
                certificates = await CertificateInventory.ReadAsync(cluster, client, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add(KubernetesErrorMessages.Describe(error, cluster, commands.Value.Timeout) ?? $"{cluster}: {Chat.LogText.Sanitize(error.Message)}");
                continue;
            }

            var now = (clusterClock.For(client) ?? time).GetUtcNow();
            foreach (var certificate in certificates)
            {
                counts.Seen++;
                await EvaluateAsync(certificate, now, counts, cancellationToken).ConfigureAwait(false);
            }
        }

        var summary = $"{counts.Seen} certificates checked: {counts.Posted} alerts posted, {counts.Renewed} renewed, {counts.Muted} muted";
        if (failures.Count > 0)
        {
            return new CheckResult(CheckOutcome.Failed, "could not check " + string.Join("; ", failures) + (counts.Seen > 0 ? $" ({summary})" : string.Empty), counts.Posted, counts.Muted);
        }

        return new CheckResult(counts.Posted + counts.Muted + counts.Renewed > 0 ? CheckOutcome.Alerted : CheckOutcome.Ok, summary, counts.Posted + counts.Renewed, counts.Muted);
    }

    /// <summary>The level a certificate is at: <c>expired</c>, the smallest threshold it is under (<c>14</c>), or empty.</summary>
    public static string LevelOf(DateTimeOffset? notAfter, DateTimeOffset now, IReadOnlyList<int> thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (notAfter is not { } end)
        {
            return string.Empty;
        }

        if (end <= now)
        {
            return ExpiredLevel;
        }

        var crossed = thresholds.Where(days => end - now < TimeSpan.FromDays(days)).DefaultIfEmpty(0).Min();
        return crossed == 0 ? string.Empty : crossed.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Orders levels: none &lt; 28 &lt; 14 &lt; 7 &lt; 1 &lt; expired.</summary>
    public static int Rank(string level) => level switch
    {
        "" => 0,
        ExpiredLevel => int.MaxValue,
        _ => 1000 - int.Parse(level, CultureInfo.InvariantCulture),
    };

    private async Task EvaluateAsync(ObservedCertificate certificate, DateTimeOffset now, RunCounts counts, CancellationToken cancellationToken)
    {
        var target = certificate.Target;
        var previous = await store.GetAlertAsync(CheckName, target.Key, cancellationToken).ConfigureAwait(false);
        var level = LevelOf(certificate.NotAfter, now, Thresholds);

        // Renewed: a later notAfter than the one the last alert was about.
        if (previous is { Level.Length: > 0, Value: { } before } && certificate.NotAfter is { } after && after > before)
        {
            var resolved = await publisher.ResolveAsync(target, previous, after, CertExpiryMessages.Renewed(certificate, before, now), cancellationToken).ConfigureAwait(false);
            counts.Count(resolved, renewed: true);
            if (resolved == AlertDelivery.AlreadySaid)
            {
                return;
            }

            previous = await store.GetAlertAsync(CheckName, target.Key, cancellationToken).ConfigureAwait(false);
        }

        if (level.Length == 0)
        {
            if (previous is null && certificate.NotAfter is not null)
            {
                await publisher.RememberAsync(target, previous, certificate.NotAfter, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (Rank(level) <= Rank(previous?.Level ?? string.Empty))
        {
            return;
        }

        var delivery = await publisher.AlertAsync(target, previous, level, certificate.NotAfter, CertExpiryMessages.Alert(certificate, level, now), cancellationToken).ConfigureAwait(false);
        counts.Count(delivery, renewed: false);
    }

    private sealed class RunCounts
    {
        public int Seen { get; set; }

        public int Posted { get; set; }

        public int Renewed { get; set; }

        public int Muted { get; set; }

        public void Count(AlertDelivery delivery, bool renewed)
        {
            switch (delivery)
            {
                case AlertDelivery.Posted when renewed:
                    Renewed++;
                    break;
                case AlertDelivery.Posted:
                    Posted++;
                    break;
                case AlertDelivery.Muted:
                    Muted++;
                    break;
            }
        }
    }
}
