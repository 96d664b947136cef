namespace OpsBot.Workflows.Machines;

/// <summary>A trigger a state takes, with the descriptions of the guards that must hold for it (none: always).</summary>
public sealed record PermittedTrigger(string Trigger, IReadOnlyList<string> Guards)
{
    /// <summary><c>Approve (needs: approver holds approve on the namespace; …)</c>, or just the trigger.</summary>
    public override string ToString() => Guards.Count == 0 ? Trigger : $"{Trigger} (needs: {string.Join("; ", Guards)})";
}
