using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Incidents;

/// <summary>
/// What <c>/incident declare sev1 "Checkout returns 500s" [--commander @user] [-n NAMESPACE]</c> asks for, as typed:
/// <see cref="IncidentService.DeclareAsync"/> checks every field and refuses with what to fix.
/// </summary>
public sealed record IncidentDeclaration
{
    /// <summary>The title as typed (1–200 characters once trimmed).</summary>
    public required string? Title { get; init; }

    /// <summary>The severity as typed (<c>sev1</c>, <c>SEV-2</c>, <c>3</c>).</summary>
    public required string? Severity { get; init; }

    public required Actor DeclaredBy { get; init; }

    /// <summary>Where it was declared: <c>platform:channel</c> (<c>slack:C0ALERTS</c>).</summary>
    public required string DeclaredIn { get; init; }

    /// <summary>The commander, if named (resolved by the host); otherwise the declarer.</summary>
    public Actor? Commander { get; init; }

    /// <summary>The namespace it is about (<c>-n</c>), if any.</summary>
    public string? Namespace { get; init; }

    /// <summary>The cluster it is about (<c>--cluster</c>), if any.</summary>
    public string? Cluster { get; init; }

    /// <summary>When the impact began, if known (an alert's start); not in the future.</summary>
    public DateTimeOffset? DetectedAt { get; init; }
}
