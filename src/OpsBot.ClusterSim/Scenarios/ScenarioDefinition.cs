using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Scenarios;

/// <summary>A parsed scenario file: its header (<c>kind: Scenario</c>) and its Kubernetes manifests.</summary>
public sealed record ScenarioDefinition
{
    public required string Name { get; init; }

    public string Title { get; init; } = "";

    public string Description { get; init; } = "";

    /// <summary>Another scenario loaded first (the baseline this one breaks).</summary>
    public string? Extends { get; init; }

    /// <summary>The namespace targets default to.</summary>
    public string Namespace { get; init; } = "ecommerce-production";

    public ScenarioExpectation? Expected { get; init; }

    /// <summary>Images the simulated registry holds besides those the manifests use.</summary>
    public IReadOnlyList<string> Registry { get; init; } = [];

    /// <summary>Images the registry does not have even though a manifest uses them.</summary>
    public IReadOnlyList<string> MissingImages { get; init; } = [];

    /// <summary>Changes applied at load, before any tick (they do not count as rollouts).</summary>
    public IReadOnlyList<ScenarioInjection> Setup { get; init; } = [];

    public IReadOnlyList<ScenarioInjection> Injections { get; init; } = [];

    public IReadOnlyList<JsonObject> Manifests { get; init; } = [];

    public JsonObject Summary() => new()
    {
        ["name"] = Name,
        ["title"] = Title,
        ["description"] = Description,
        ["extends"] = Extends,
        ["expected"] = Expected is null ? null : new JsonObject
        {
            ["diagnosis"] = Expected.Diagnosis,
            ["resource"] = Expected.Resource,
            ["suggestedAction"] = Expected.SuggestedAction,
            ["container"] = Expected.Container,
        },
        ["injections"] = new JsonArray([.. Injections.Select(i => (JsonNode)new JsonObject
        {
            ["after"] = Controllers.Kubelet.DurationText.Go(i.After),
            ["action"] = i.Action,
            ["target"] = i.Target,
            ["description"] = i.Description,
        })]),
    };
}
