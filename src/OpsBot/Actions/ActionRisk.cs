namespace OpsBot.Actions;

/// <summary>How much an action can hurt if it is wrong; policy may require more approvals for higher risk.</summary>
public enum ActionRisk
{
    Low,
    Medium,
    High,
}
