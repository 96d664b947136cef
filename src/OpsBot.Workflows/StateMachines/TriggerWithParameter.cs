namespace OpsBot.Workflows.StateMachines;

/// <summary>A trigger that carries a typed argument (e.g. Approve carries the approval).</summary>
public sealed record TriggerWithParameter<TTrigger, TArg>(TTrigger Trigger)
    where TTrigger : struct, Enum;
