namespace OpsBot.Teams;

/// <summary>Registered only when Teams is configured; <see cref="TeamsEndpoints.MapTeamsEndpoints"/> maps the endpoint when it is present.</summary>
public sealed class TeamsEnabled;
