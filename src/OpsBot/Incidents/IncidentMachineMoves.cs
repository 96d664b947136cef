using OpsBot.Workflows.Incidents;

namespace OpsBot.Incidents;

/// <summary>The triggers a status button may carry (the card offers no other; a forged value is refused).</summary>
public static class IncidentMachineMoves
{
    public static bool IsStatusMove(IncidentTrigger trigger) => trigger is IncidentTrigger.Investigate or IncidentTrigger.Identify or IncidentTrigger.Mitigate
        or IncidentTrigger.Monitor or IncidentTrigger.Resolve or IncidentTrigger.Reopen or IncidentTrigger.Close;
}
