using OpsBot.Workflows.Machines;

namespace OpsBot.Workflows.Incidents;

/// <summary>
/// Why a step on an incident was not taken, in words for the person who asked — the reasons (the descriptions of the
/// rules that did not hold, or what was wrong with the input) and what the incident takes now with who may take it
/// (from the machine's guards) — "not now; here is what you can do, and who may". Nothing changed.
/// </summary>
/// <param name="Kind">Which kind of refusal.</param>
/// <param name="Step">What was asked, as a trigger or step name (<c>Resolve</c>, <c>ApproveUpdate</c>).</param>
/// <param name="State">The incident's state (it is still in it); <see langword="null"/> before it exists (a refused declaration).</param>
/// <param name="Reasons">Why not, in order; empty for <see cref="IncidentRefusalKind.WrongState"/>.</param>
/// <param name="Allowed">What the state takes now, each with its guards' descriptions (who may).</param>
public sealed record IncidentRefusal(
    IncidentRefusalKind Kind,
    string Step,
    IncidentState? State,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<PermittedTrigger> Allowed)
{
    /// <summary>
    /// The refusal in one or two lines: <c>'Close' is not possible: a postmortem exists.</c> / <c>Allowed now: Reopen
    /// (needs: the person holds incident on the namespace); …</c>. The host may word it its own way from the fields.
    /// </summary>
    public string Message
    {
        get
        {
            var why = Kind switch
            {
                IncidentRefusalKind.WrongState when State is { } state && IncidentStates.TriggerTo(state)?.ToString() == Step =>
                    $"The incident is already {state.Word()}.",
                IncidentRefusalKind.WrongState => $"'{Step}' is not possible while the incident is {State?.Word()}.",
                IncidentRefusalKind.NotAllowed => $"'{Step}' is not possible: {string.Join("; ", Reasons)}.",
                _ => string.Join(" ", Reasons),
            };
            return Allowed.Count == 0 ? why : $"{why}\nAllowed now: {string.Join("; ", Allowed)}.";
        }
    }

    /// <summary>A machine's refusal: wrong state when no guard was named, otherwise the guards that did not hold.</summary>
    public static IncidentRefusal FromTrigger(TriggerRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return new IncidentRefusal(
            refusal.IsWrongState ? IncidentRefusalKind.WrongState : IncidentRefusalKind.NotAllowed,
            refusal.Trigger,
            Enum.TryParse<IncidentState>(refusal.State, out var state) ? state : null,
            refusal.UnmetGuards,
            refusal.Permitted);
    }

    /// <summary>Bad or pointless input: <paramref name="reason"/> says what and what to use.</summary>
    public static IncidentRefusal Invalid(string step, string reason, IncidentState? state = null, IReadOnlyList<PermittedTrigger>? allowed = null) =>
        new(IncidentRefusalKind.InvalidInput, step, state, [reason], allowed ?? []);

    /// <summary>A rule about the person did not hold (checked outside the machine, e.g. who approves an update).</summary>
    public static IncidentRefusal NotAllowed(string step, IReadOnlyList<string> reasons, IncidentState? state = null, IReadOnlyList<PermittedTrigger>? allowed = null) =>
        new(IncidentRefusalKind.NotAllowed, step, state, reasons, allowed ?? []);

    /// <summary>
    /// The host could not resolve <paramref name="mention"/> (<c>@bobb</c>) to a user for a role: the clean refusal to
    /// answer with. <paramref name="hint"/> says how to name someone on that platform.
    /// </summary>
    public static IncidentRefusal UnknownPerson(string mention, string? hint = null) =>
        new(
            IncidentRefusalKind.UnknownPerson,
            nameof(IncidentTrigger.AssignRole),
            null,
            [$"I don't know who \"{IncidentText.OneLine(mention, 80)}\" is. {hint ?? "Mention them (@name) so the platform gives their id, or use platform:id (slack:U0123ABC)."}"],
            []);
}
