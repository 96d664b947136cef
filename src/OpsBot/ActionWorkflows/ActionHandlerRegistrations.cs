namespace OpsBot.ActionWorkflows;

/// <summary>How many registered <see cref="Actions.IClusterAction"/>s have their command handler (kept in the service collection).</summary>
public sealed class ActionHandlerRegistrations
{
    public int Count { get; internal set; }
}
