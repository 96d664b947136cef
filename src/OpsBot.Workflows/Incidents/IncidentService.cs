using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents.Cadence;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Policy;

namespace OpsBot.Workflows.Incidents;

/// <summary>
/// Incidents over an <see cref="IIncidentStore"/>, with a typed step for everything that can happen to one
/// (<c>DeclareAsync</c>, <c>ChangeStatusAsync</c>, <c>ApproveUpdateAsync</c>, <c>TakeDueRemindersAsync</c>, …). Each step
/// is decided on a fresh copy (by <see cref="IncidentMachine"/> and the rules next to it, at one instant) and stored only
/// if nobody changed the incident meanwhile; otherwise it is read again and decided again on what is there — so of two
/// people pressing Resolve at once, one resolves and the other is told (<see cref="IncidentOutcomeStatus.Conflict"/>).
/// Every step answers with an <see cref="IncidentOutcome"/>; a refusal stores nothing. No I/O but the store: the host
/// posts, notifies and schedules after the store accepted a change.
/// </summary>
public sealed partial class IncidentService
{
    // Each conflict means another writer succeeded, so a handful of rounds settles any realistic race.
    private const int MaxAttempts = 200;

    private readonly IIncidentStore _store;
    private readonly IIncidentPermissionChecker _permissions;
    private readonly IncidentOptions _options;
    private readonly TimeProvider _time;

    /// <param name="store">Where incidents live.</param>
    /// <param name="permissions">Who holds the incident permission where.</param>
    /// <param name="options">Options that passed <see cref="IncidentOptions.Validate"/>.</param>
    /// <param name="time">The clock every decision reads once.</param>
    public IncidentService(IIncidentStore store, IIncidentPermissionChecker permissions, IncidentOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _permissions = permissions;
        _options = options;
        _time = time;
    }

    /// <summary>The incident <paramref name="id"/> (any case), or <see langword="null"/> when there is none or it is not an id.</summary>
    public async Task<Incident?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        IncidentId.TryParse(id, out var parsed) && await _store.GetAsync(parsed.ToString(), cancellationToken).ConfigureAwait(false) is { } record
            ? IncidentRecords.FromRecord(record)
            : null;

    public async Task<IReadOnlyList<Incident>> ListAsync(IncidentQuery query, CancellationToken cancellationToken = default)
    {
        var records = await _store.ListAsync(query, cancellationToken).ConfigureAwait(false);
        return [.. records.Select(IncidentRecords.FromRecord)];
    }

    /// <summary>The incident worked in this channel (or thread), if any: commands typed there apply to it.</summary>
    public async Task<Incident?> FindByChannelAsync(string platform, string channelId, string? threadId = null, CancellationToken cancellationToken = default) =>
        await _store.FindByChannelAsync(IncidentChannel.KeyOf(platform, channelId, threadId), cancellationToken).ConfigureAwait(false) is { } record
            ? IncidentRecords.FromRecord(record)
            : null;

    /// <summary>When <paramref name="incident"/>'s next update is due and overdue (none once resolved).</summary>
    public CadencePlan PlanOf(Incident incident) => UpdateCadence.Plan(incident, _options);

    /// <summary>When the host's reminder job should next look at <paramref name="incident"/> (<see cref="TakeDueRemindersAsync"/>).</summary>
    public DateTimeOffset? NextReminderAt(Incident incident) => UpdateCadence.NextCheckAt(incident, _options);

    /// <summary>Takes <paramref name="step"/> on the stored incident <paramref name="id"/>, deciding again on every conflict.</summary>
    private async Task<IncidentOutcome> StepAsync(
        string id, string stepName, Func<Incident, DateTimeOffset, CancellationToken, Task<StepDecision>> step, CancellationToken cancellationToken)
    {
        if (!IncidentId.TryParse(id, out var parsed))
        {
            return IncidentOutcome.Refused(null, IncidentRefusal.Invalid(stepName, $"\"{IncidentText.OneLine(id, 40)}\" is not an incident id; they look like INC-2026-0042."));
        }

        var key = parsed.ToString();
        var seen = -1;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var record = await _store.GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return IncidentOutcome.NotFound(key);
            }

            var incident = IncidentRecords.FromRecord(record);
            var known = incident.Timeline.Count;
            var now = _time.GetUtcNow();
            var decision = await step(incident, now, cancellationToken).ConfigureAwait(false);
            if (decision.Refusal is { } refusal)
            {
                var current = IncidentRecords.FromRecord(record);
                return seen < 0
                    ? IncidentOutcome.Refused(current, refusal)
                    : new IncidentOutcome(IncidentOutcomeStatus.Conflict, current, [.. current.Timeline.Skip(seen)], refusal)
                    {
                        Message = $"Someone changed {key} at the same time. {refusal.Message}",
                    };
            }

            if (decision.NothingToDo)
            {
                return IncidentOutcome.Unchanged(IncidentRecords.FromRecord(record));
            }

            incident.UpdatedAt = now;
            var stored = await _store.TryUpdateAsync(IncidentRecords.ToRecord(incident, NextReminderAt(incident)), record.Version, cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                WorkflowMetrics.IncidentTransition(incident.Severity.ToString(), IncidentRecords.FromRecord(record).State.ToString(), incident.State.ToString());
                return new IncidentOutcome(IncidentOutcomeStatus.Changed, IncidentRecords.FromRecord(stored), [.. incident.Timeline.Skip(known)]);
            }

            // Overtaken: what the others add from here is what they did instead of us.
            seen = seen < 0 ? known : seen;
        }

        return new IncidentOutcome(IncidentOutcomeStatus.Conflict, null, [])
        {
            Message = $"{key} kept changing under {MaxAttempts} attempts to update it; try again.",
        };
    }

    private IncidentMachine Machine(Incident incident, DateTimeOffset now) => IncidentMachine.Create(incident, _permissions, now);

    private bool Holds(Incident incident, Actor actor) => _permissions.HoldsIncident(actor, incident.Namespace);
}
