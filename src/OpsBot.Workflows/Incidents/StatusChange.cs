using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Incidents;

/// <summary>A person moving an incident's status, and why (<c>/incident status identified "root cause: …"</c>).</summary>
/// <param name="By">Who asked.</param>
/// <param name="Reason">Why, as typed (already checked by <see cref="IncidentText"/>); <see langword="null"/> when none was given.</param>
public sealed record StatusChange(Actor By, string? Reason);
