namespace OpsBot.Triage;

/// <summary>How bad a finding is: <see cref="Critical"/> hurts users now, <see cref="Warning"/> soon or partly, <see cref="Info"/> is hygiene.</summary>
public enum Severity
{
    Info,
    Warning,
    Critical,
}
