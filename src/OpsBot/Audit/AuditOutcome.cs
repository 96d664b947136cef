namespace OpsBot.Audit;

/// <summary>How a request ended.</summary>
public enum AuditOutcome
{
    /// <summary>The command ran and answered.</summary>
    Ok,

    /// <summary>The command ran and failed (cluster error, timeout, bug).</summary>
    Error,

    /// <summary>Authorization refused the command.</summary>
    Denied,

    /// <summary>The input could not be parsed (nothing ran).</summary>
    Invalid,
}
