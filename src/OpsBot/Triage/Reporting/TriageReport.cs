using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsBot.Triage;

/// <summary>The result of one triage: the findings as a story (root causes first, each followed by its symptoms), the root cause, what could not be read, and how long it took.</summary>
public sealed record TriageReport
{
    public required TriageTarget Target { get; init; }

    public required string Cluster { get; init; }

    public required TimeSpan Since { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>Where the snapshot's lists came from ("from cache, live", "from the API (cache syncing)"); null without a cache.</summary>
    public string? Source { get; init; }

    /// <summary>Correlated findings: each root followed by its symptoms.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    public IReadOnlyList<MissingData> Missing { get; init; } = [];

    /// <summary>How much was looked at: pods, deployments, events, logs.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();

    /// <summary>The most likely root cause (a warning or worse), or null when nothing is wrong.</summary>
    public Finding? RootCause => Correlation.TriageCorrelator.RootCause(Findings);

    /// <summary>Root causes other than <see cref="RootCause"/> that are warnings or worse.</summary>
    public IEnumerable<Finding> OtherProblems => Findings.Where(f => f.CausedBy is null && f.Severity > Severity.Info && !ReferenceEquals(f, RootCause));

    public IEnumerable<Finding> SymptomsOf(Finding root) => Findings.Where(f => f.CausedBy == root?.Id);

    public bool Healthy => RootCause is null;

    public JsonObject ToJson() => new()
    {
        ["target"] = new JsonObject
        {
            ["scope"] = Target.Scope.ToString().ToLowerInvariant(),
            ["namespace"] = Target.Namespace,
            ["name"] = Target.Name,
        },
        ["cluster"] = Cluster,
        ["since"] = Since.ToString("c", CultureInfo.InvariantCulture),
        ["sinceSeconds"] = (long)Since.TotalSeconds,
        ["generatedAt"] = GeneratedAt.ToString("O", CultureInfo.InvariantCulture),
        ["durationMs"] = Math.Round(Duration.TotalMilliseconds, 1),
        ["healthy"] = Healthy,
        ["rootCauseId"] = RootCause?.Id,
        ["findings"] = new JsonArray([.. Findings.Select(f => (JsonNode)Json(f))]),
        ["missing"] = new JsonArray([.. Missing.Select(m => (JsonNode)new JsonObject { ["what"] = m.What, ["reason"] = m.Reason })]),
        ["counts"] = new JsonObject([.. Counts.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))]),
    };

    private static JsonObject Json(Finding finding) => new()
    {
        ["id"] = finding.Id,
        ["kind"] = finding.Kind,
        ["title"] = finding.Title,
        ["severity"] = finding.Severity.ToString().ToLowerInvariant(),
        ["confidence"] = Math.Round(finding.Confidence, 2),
        ["confidenceLabel"] = finding.ConfidenceLabel,
        ["summary"] = finding.Summary,
        ["causedBy"] = finding.CausedBy,
        ["explanation"] = finding.Explanation,
        ["startedAt"] = finding.StartedAt?.ToString("O", CultureInfo.InvariantCulture),
        ["resource"] = finding.Resource,
        ["resources"] = new JsonArray([.. finding.Resources.Select(r => (JsonNode)JsonValue.Create(r))]),
        ["evidence"] = new JsonArray([.. finding.Evidence.Select(e => (JsonNode)new JsonObject
        {
            ["kind"] = e.Kind,
            ["text"] = e.Text,
            ["source"] = e.Source,
            ["count"] = e.Count,
            ["at"] = e.At?.ToString("O", CultureInfo.InvariantCulture),
        })]),
        ["actions"] = new JsonArray([.. finding.Proposals.Select(p => (JsonNode)p.ToJson())]),
    };
}
