using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Incidents;

/// <summary>A person giving a role to someone (<c>/incident role comms @bob</c>, the "I'm commander" button), or clearing it.</summary>
/// <param name="By">Who assigns.</param>
/// <param name="Role">Which role.</param>
/// <param name="Person">Who gets it (the host resolved the mention); <see langword="null"/> clears the role (never the commander).</param>
public sealed record RoleChange(Actor By, IncidentRole Role, Actor? Person);
