namespace OpsBot.Workflows.Incidents;

/// <summary>How bad an incident is; <see cref="Sev1"/> is the worst. Written <c>SEV1</c>…<c>SEV4</c> (see <see cref="IncidentSeverities"/>).</summary>
public enum IncidentSeverity
{
    /// <summary>Critical: customers cannot use a core function (checkout down). Updates every 30 minutes by default; escalated.</summary>
    Sev1 = 1,

    /// <summary>Major: a core function is degraded for many customers. Updates every hour by default.</summary>
    Sev2 = 2,

    /// <summary>Minor: limited impact, a workaround exists. Updates every 4 hours by default.</summary>
    Sev3 = 3,

    /// <summary>Low: no customer impact yet. No update cadence by default.</summary>
    Sev4 = 4,
}
