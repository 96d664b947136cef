namespace OpsBot.Commands;

/// <summary>What a failed request left in the state store, as far as the bot can know.</summary>
public enum StoreWriteOutcome
{
    /// <summary>No write was sent: nothing was done.</summary>
    None,

    /// <summary>A write was sent and its answer never came (the connection was cut): it may have committed.</summary>
    Unknown,

    /// <summary>At least one write committed: something was done.</summary>
    Committed,
}
