namespace OpsBot.Workflows.Incidents.Updates;

/// <summary>Where an approved update is with one stakeholder channel.</summary>
public enum DeliveryState
{
    /// <summary>Not sent yet (or the last try failed): the next delivery pass claims it.</summary>
    Pending,

    /// <summary>A replica claimed it and is sending (until its claim lapses).</summary>
    Sending,

    /// <summary>Delivered; never sent again.</summary>
    Sent,
}
