namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>A person acting on a workflow, as their chat platform knows them, and where they acted.</summary>
/// <param name="Platform">The platform in lower case: <c>slack</c>, <c>teams</c>, <c>console</c>.</param>
/// <param name="UserId">The platform's user id.</param>
/// <param name="Channel">The channel / conversation they acted from.</param>
public sealed record Actor(string Platform, string UserId, string Channel)
{
    /// <summary>A name to show (the user id when the platform gave none).</summary>
    public string? Name { get; init; }

    /// <summary>The configured person behind this id when they have ids on several platforms (e.g. <c>alice@example.com</c>).</summary>
    public string? Person { get; init; }

    /// <summary><c>slack:U123</c>: the key configuration uses for the user.</summary>
    public string Key => Platform + ":" + UserId;

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? UserId : Name;

    /// <summary>
    /// Same person: the same platform and user id (case-insensitively, like the authorization users), or ids that
    /// configuration says belong to the same <see cref="Person"/>. The channel does not matter.
    /// </summary>
    public bool IsSameUser(Actor other) =>
        other is not null
        && (string.Equals(Key, other.Key, StringComparison.OrdinalIgnoreCase)
            || (Person is { Length: > 0 } && string.Equals(Person, other.Person, StringComparison.OrdinalIgnoreCase)));
}
