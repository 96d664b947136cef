using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>A role was given to someone, or cleared.</summary>
public sealed record RoleAssigned : TimelineEntry
{
    public required IncidentRole Role { get; init; }

    /// <summary>Who holds it now; <see langword="null"/> when cleared.</summary>
    public Actor? Person { get; init; }

    /// <summary>Who held it before.</summary>
    public Actor? Previous { get; init; }

    public override string Describe()
    {
        var role = char.ToUpperInvariant(Role.Label()[0]) + Role.Label()[1..];
        var now = Person?.DisplayName ?? "nobody";
        return Previous is null ? $"{role}: {now}" : $"{role}: {now} (was {Previous.DisplayName})";
    }
}
