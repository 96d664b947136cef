namespace OpsBot.Workflows.Machines;

/// <summary>
/// Why a machine did not take a trigger, in words for the person who asked: the descriptions of the guards
/// that did not hold (empty when the current state does not take the trigger at all), and what the state
/// takes now with the conditions of each — "not now; here is what you can do, and who may".
/// </summary>
/// <param name="State">The state the machine was in (it is still in it: a refusal changes nothing).</param>
/// <param name="Trigger">The trigger that was refused.</param>
/// <param name="UnmetGuards">The descriptions of the guards that did not hold, in declaration order.</param>
/// <param name="Permitted">What the state takes now, each with its guards' descriptions.</param>
public sealed record TriggerRefusal(string State, string Trigger, IReadOnlyList<string> UnmetGuards, IReadOnlyList<PermittedTrigger> Permitted)
{
    /// <summary>Whether the state does not take the trigger at all (rather than a guard not holding).</summary>
    public bool IsWrongState => UnmetGuards.Count == 0;

    /// <summary><c>'Approve' is not possible: approver holds approve on the namespace.</c></summary>
    public string Message => IsWrongState
        ? $"'{Trigger}' is not possible while the workflow is {State}."
        : $"'{Trigger}' is not possible: {string.Join("; ", UnmetGuards)}.";
}
