namespace OpsBot.Teams;

/// <summary>A user or bot in a conversation; in Teams <see cref="AadObjectId"/> is the user's Entra object id.</summary>
public sealed record ChannelAccount(string? Id, string? Name = null, string? AadObjectId = null);
