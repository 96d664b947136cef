using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Incidents.Updates;

/// <summary>
/// A stakeholder update: drafted (by a person, or written by the bot from the incident), approved under the rule fixed
/// when it was drafted, then delivered once to each stakeholder channel and shown on the status page. Nothing leaves
/// the incident before approval; an approved text never changes.
/// </summary>
public sealed class StakeholderUpdate
{
    /// <summary>1, 2, 3… within the incident (<c>update #2</c>).</summary>
    public required int Number { get; init; }

    public required string Text { get; set; }

    /// <summary>Who drafted it (asked for it, when the bot wrote it).</summary>
    public required Actor Author { get; init; }

    public required DateTimeOffset DraftedAt { get; init; }

    /// <summary>Whether the bot wrote it from the incident.</summary>
    public bool Composed { get; init; }

    /// <summary>The approval rule at draft time (a configuration change does not change the terms of open drafts).</summary>
    public required UpdateApprovalMode Approval { get; init; }

    public UpdateStatus Status { get; set; } = UpdateStatus.Draft;

    /// <summary>Who changed the draft's text after it was written, in order.</summary>
    public List<Actor> EditedBy { get; init; } = [];

    public Actor? ApprovedBy { get; set; }

    /// <summary>When it was approved: the status page shows it from then, and the cadence counts from then.</summary>
    public DateTimeOffset? ApprovedAt { get; set; }

    public Actor? DiscardedBy { get; set; }

    public DateTimeOffset? DiscardedAt { get; set; }

    /// <summary>One per stakeholder channel, fixed at approval (the severity's channels then).</summary>
    public List<UpdateDelivery> Deliveries { get; init; } = [];

    /// <summary>Whether it left the incident (approved or sent): what the status page and the cadence count.</summary>
    public bool IsReleased => Status is UpdateStatus.Approved or UpdateStatus.Sent;
}
