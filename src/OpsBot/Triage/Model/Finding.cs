namespace OpsBot.Triage;

/// <summary>
/// One diagnosed problem: what (kind, title), how bad and how sure, the facts behind it, the objects it
/// affects and what to do about it. The correlator fills <see cref="CausedBy"/> when it is a symptom of another.
/// </summary>
public sealed record Finding
{
    /// <summary>Stable within a report: <c>kind:resource</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The incident class (<see cref="FindingKinds"/>).</summary>
    public required string Kind { get; init; }

    public required string Title { get; init; }

    public required Severity Severity { get; init; }

    /// <summary>0–1: how sure the analyzer is that this is what happens.</summary>
    public required double Confidence { get; init; }

    /// <summary>Two or three sentences: what, why, with numbers.</summary>
    public string Summary { get; init; } = "";

    public IReadOnlyList<Evidence> Evidence { get; init; } = [];

    /// <summary>The affected objects as <c>kind/name</c>, the one at fault first.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    public IReadOnlyList<ActionProposal> Proposals { get; init; } = [];

    /// <summary>When it began, when known.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The id of the finding this one is a symptom of.</summary>
    public string? CausedBy { get; init; }

    /// <summary>Why it is a symptom of <see cref="CausedBy"/>.</summary>
    public string? Explanation { get; init; }

    /// <summary>The object at fault (<see cref="Resources"/>' first), or empty.</summary>
    public string Resource => Resources.Count > 0 ? Resources[0] : string.Empty;

    /// <summary>high (≥ 0.8), medium (≥ 0.5) or low.</summary>
    public string ConfidenceLabel => Confidence >= 0.8 ? "high" : Confidence >= 0.5 ? "medium" : "low";

    public static string IdOf(string kind, string resource) => $"{kind}:{resource}";
}
