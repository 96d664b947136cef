namespace OpsBot.Workflows.Incidents;

/// <summary>Groups of <see cref="IncidentState"/> the rules and queries use, and the status words commands take.</summary>
public static class IncidentStates
{
    /// <summary>The states of the <see cref="IncidentState.Active"/> superstate, in the order a response usually goes.</summary>
    public static IReadOnlyList<IncidentState> Open { get; } =
        [IncidentState.Declared, IncidentState.Investigating, IncidentState.Identified, IncidentState.Mitigating, IncidentState.Monitoring];

    /// <summary>Every state an incident can be stored in (all but the <see cref="IncidentState.Active"/> superstate).</summary>
    public static IReadOnlyList<IncidentState> Stored { get; } = [.. Enum.GetValues<IncidentState>().Where(state => state != IncidentState.Active)];

    /// <summary>The states people move an open incident between with <c>/incident status</c> (Declared is where it starts, never where it goes back to).</summary>
    public static IReadOnlyList<IncidentState> Working { get; } =
        [IncidentState.Investigating, IncidentState.Identified, IncidentState.Mitigating, IncidentState.Monitoring];

    /// <summary>Whether the incident is open (in the <see cref="IncidentState.Active"/> superstate).</summary>
    public static bool IsOpen(this IncidentState state) => state is IncidentState.Declared or IncidentState.Investigating
        or IncidentState.Identified or IncidentState.Mitigating or IncidentState.Monitoring;

    /// <summary>Whether the record is final: nothing a person does changes it any more.</summary>
    public static bool IsFinal(this IncidentState state) => state is IncidentState.Closed or IncidentState.Cancelled;

    /// <summary>The trigger that moves an incident to <paramref name="target"/>, if a person can ask for that state.</summary>
    public static IncidentTrigger? TriggerTo(IncidentState target) => target switch
    {
        IncidentState.Investigating => IncidentTrigger.Investigate,
        IncidentState.Identified => IncidentTrigger.Identify,
        IncidentState.Mitigating => IncidentTrigger.Mitigate,
        IncidentState.Monitoring => IncidentTrigger.Monitor,
        IncidentState.Resolved => IncidentTrigger.Resolve,
        IncidentState.Closed => IncidentTrigger.Close,
        IncidentState.Cancelled => IncidentTrigger.Cancel,
        _ => null,
    };

    /// <summary>
    /// Reads the status word of <c>/incident status WORD</c>: a state name in any case (<c>identified</c>), or the
    /// verb (<c>identify</c>, <c>resolve</c>, <c>reopen</c>); otherwise <paramref name="problem"/> lists what to use.
    /// </summary>
    public static bool TryParseTarget(string? text, out IncidentTrigger trigger, out string? problem)
    {
        var word = text?.Trim().ToLowerInvariant() ?? string.Empty;
        IncidentTrigger? found = word switch
        {
            "investigating" or "investigate" => IncidentTrigger.Investigate,
            "identified" or "identify" => IncidentTrigger.Identify,
            "mitigating" or "mitigate" => IncidentTrigger.Mitigate,
            "monitoring" or "monitor" => IncidentTrigger.Monitor,
            "resolved" or "resolve" => IncidentTrigger.Resolve,
            "reopened" or "reopen" => IncidentTrigger.Reopen,
            "closed" or "close" => IncidentTrigger.Close,
            "cancelled" or "canceled" or "cancel" or "false-alarm" => IncidentTrigger.Cancel,
            _ => null,
        };
        trigger = found.GetValueOrDefault();
        problem = found is null
            ? $"\"{(word.Length <= 20 ? word : word[..20] + "…")}\" is not a status; use investigating, identified, mitigating, monitoring, resolved, reopen, closed or cancelled."
            : null;
        return found is not null;
    }

    /// <summary>How a state reads in a sentence: <c>investigating</c>, <c>resolved</c>.</summary>
    public static string Word(this IncidentState state) => state.ToString().ToLowerInvariant();
}
