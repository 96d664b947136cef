using Microsoft.Extensions.Logging;
using OpsBot.Commands;
using OpsBot.Scheduling;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Updates;

namespace OpsBot.Incidents;

/// <summary>
/// Sends again the approved stakeholder updates that are not delivered: a channel still <see cref="DeliveryState.Pending"/>
/// (the approval's delivery could not be claimed while the database was down, or its post failed) or still
/// <see cref="DeliveryState.Sending"/> after its sender's claim lapsed (the sender died). Runs once at start and every
/// minute as the recurring job <c>incident-delivery-sweep</c> (one replica per occurrence); each delivery goes through
/// <see cref="IncidentResponder.DeliverAsync(string, int, CancellationToken)"/>, which claims the channel first, so a channel
/// gets an update once whoever sweeps. A delivery is given up after <see cref="MaxAttempts"/> claims (a channel that keeps
/// refusing is not posted to every minute for ever), and only incidents live within the last day are looked at.
/// </summary>
public sealed partial class IncidentDeliverySweep(IncidentResponder responder, TimeProvider time, ILogger<IncidentDeliverySweep> logger)
    : BackgroundService, IScheduledJob
{
    /// <summary>The recurring job's id.</summary>
    public const string JobName = "incident-delivery-sweep";

    /// <summary>How many claims a delivery gets before the sweep leaves it (its last error stays on the update).</summary>
    public const int MaxAttempts = 5;

    private const int Batch = 1000;

    // An update approved more than a day ago is news no more: an incident that ended before that is not swept.
    private static readonly TimeSpan Lookback = TimeSpan.FromDays(1);

    public string Name => JobName;

    /// <summary>Every minute, in UTC.</summary>
    public JobSchedule? Schedule { get; } = new("* * * * *", TimeZoneInfo.Utc);

    public Task RunAsync(JobOccurrence occurrence, CancellationToken cancellationToken = default) => SweepAsync(cancellationToken);

    /// <summary>Delivers every approved update that is not delivered and may be claimed now; returns how many updates were tried.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var live = await responder.Incidents.ListAsync(new IncidentQuery { LiveSince = now - Lookback, Limit = Batch }, cancellationToken).ConfigureAwait(false);
        var tried = 0;
        foreach (var incident in live)
        {
            foreach (var update in incident.Updates.Where(update => update.IsReleased && update.Deliveries.Exists(delivery => IsDue(delivery, now))))
            {
                tried++;
                LogRedelivering(incident.Id.ToString(), update.Number);
                await responder.DeliverAsync(incident.Id.ToString(), update.Number, cancellationToken).ConfigureAwait(false);
            }
        }

        return tried;
    }

    // At start, once: what an outage or a crash left undelivered goes out now rather than at the first occurrence.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield(); // never on the host's start path: a sweep posts to chat
            await SweepAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogStartSweepFailed(error, StoreAvailability.IsUnavailable(error));
        }
    }

    private static bool IsDue(UpdateDelivery delivery, DateTimeOffset now) =>
        delivery.State != DeliveryState.Sent && delivery.IsClaimable(now) && delivery.Attempts < MaxAttempts;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stakeholder update {Number} of {Incident} is not delivered everywhere; sending it again")]
    private partial void LogRedelivering(string incident, int number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The start-up sweep of undelivered stakeholder updates failed (database unavailable: {StoreUnavailable}); the every-minute sweep tries again")]
    private partial void LogStartSweepFailed(Exception error, bool storeUnavailable);
}
