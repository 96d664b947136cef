namespace OpsBot.Checks;

/// <summary>How a check run ended.</summary>
public enum CheckOutcome
{
    /// <summary>Looked, nothing new to say.</summary>
    Ok,

    /// <summary>Looked and posted (or recorded, when muted) at least one alert.</summary>
    Alerted,

    /// <summary>Could not look (a cluster did not answer or refused): nothing misleading was posted.</summary>
    Failed,
}
