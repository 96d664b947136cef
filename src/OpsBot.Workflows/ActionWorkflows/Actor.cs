namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>A person acting on a workflow, as their chat platform knows them, and where they acted.</summary>
/// <param name="Platform">The platform in lower case: <c>slack</c>, <c>teams</c>, <c>console</c>.</param>
/// <param name="UserId">The platform's user id.</param>
/// <param name="Channel">The channel / conversation they acted from.</param>
public sealed record Actor(string Platform, string UserId, string Channel)
{
    /// <summary>A name to show (the user id when the platform gave none).</summary>
    public string? Name { get; init; }

    /// <summary><c>slack:U123</c>: the key configuration uses for the user.</summary>
    public string Key => Platform + ":" + UserId;

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? UserId : Name;

    /// <summary>Same person (same platform and user id, case-insensitively, like the authorization users); the channel does not matter.</summary>
    public bool IsSameUser(Actor other) => other is not null && string.Equals(Key, other.Key, StringComparison.OrdinalIgnoreCase);
}
