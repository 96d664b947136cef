namespace OpsBot.Workflows.Incidents;

/// <summary>What one step decided on its copy of the incident: changed it, found nothing to do, or refused.</summary>
internal readonly record struct StepDecision(IncidentRefusal? Refusal, bool NothingToDo)
{
    public static StepDecision Changed => default;

    public static StepDecision Unchanged => new(null, true);

    public static implicit operator StepDecision(IncidentRefusal? refusal) => new(refusal, false);
}
