namespace OpsBot.Workflows.Incidents.Updates;

/// <summary>
/// One approved update to one stakeholder channel. A sender claims it first (owner and lease, stored with optimistic
/// concurrency, so one replica sends), then records it sent — so each channel gets it exactly once, unless a sender
/// dies between posting and recording (then it is sent again once the claim lapsed: at least once).
/// </summary>
public sealed class UpdateDelivery
{
    /// <summary><c>slack:C0STATUS</c>, <c>teams:19:…</c>, <c>console:status</c>.</summary>
    public required string Channel { get; init; }

    public DeliveryState State { get; set; } = DeliveryState.Pending;

    /// <summary>Who is sending it (a process id), while <see cref="DeliveryState.Sending"/>.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>When the claim lapses and another sender may take it.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The posted message (Slack <c>ts</c>, Teams activity id), to link or update it.</summary>
    public string? MessageId { get; set; }

    /// <summary>How many times it was claimed.</summary>
    public int Attempts { get; set; }

    /// <summary>Why the last try failed.</summary>
    public string? LastError { get; set; }

    /// <summary>Whether a sender may claim it at <paramref name="now"/>: pending, or its sender's claim lapsed.</summary>
    public bool IsClaimable(DateTimeOffset now) => State == DeliveryState.Pending || (State == DeliveryState.Sending && ClaimedUntil <= now);
}
