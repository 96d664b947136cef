namespace OpsBot.Workflows.Incidents.Policy;

/// <summary>What one severity overrides (<c>Incidents:Severities:sev1</c>).</summary>
public sealed class IncidentSeverityOptions
{
    /// <summary>Where this severity's approved updates go instead of <see cref="IncidentOptions.StakeholderChannels"/>; <see langword="null"/>: those.</summary>
    public List<string>? StakeholderChannels { get; set; }
}
