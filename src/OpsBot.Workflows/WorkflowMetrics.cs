using System.Diagnostics.Metrics;

namespace OpsBot.Workflows;

/// <summary>
/// State changes of action workflows and incidents, counted on the meter <c>OpsBot</c> that the host exports
/// (<c>/metrics</c>, OTLP). Static: this project has no container to ask for an <c>IMeterFactory</c>, and the
/// instruments are the same for the whole process. Labels are enum names and action kinds, never user text.
/// </summary>
public static class WorkflowMetrics
{
    /// <summary>The meter's name, shared with the host's instruments.</summary>
    public const string MeterName = "OpsBot";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> WorkflowTransitions = Meter.CreateCounter<long>(
        "opsbot.workflow.transitions", "{transition}", "Action workflow state changes, by action kind, from and to.");

    private static readonly Counter<long> IncidentTransitions = Meter.CreateCounter<long>(
        "opsbot.incident.transitions", "{transition}", "Incident state changes, by severity, from and to (from \"none\" when declared).");

    /// <summary>Counts <paramref name="from"/> → <paramref name="to"/> of a workflow of <paramref name="kind"/> (approvals that change no state are not transitions).</summary>
    public static void WorkflowTransition(string kind, string from, string to)
    {
        if (from != to)
        {
            WorkflowTransitions.Add(1, new("kind", kind), new("from", from), new("to", to));
        }
    }

    /// <summary>Counts <paramref name="from"/> → <paramref name="to"/> of an incident of <paramref name="severity"/>.</summary>
    public static void IncidentTransition(string severity, string from, string to)
    {
        if (from != to)
        {
            IncidentTransitions.Add(1, new("severity", severity), new("from", from), new("to", to));
        }
    }
}
