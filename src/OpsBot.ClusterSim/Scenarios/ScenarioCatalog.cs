using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Controllers.Kubelet;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Scenarios;

/// <summary>
/// The incident scenarios shipped with the simulator (embedded <c>Scenarios/*.yaml</c>): list them, read one,
/// load one into a <see cref="ClusterSimulator"/> — baseline first (<c>extends</c>), registry set up, manifests
/// applied, setup changes made, injections scheduled on the virtual clock.
/// </summary>
public sealed class ScenarioCatalog
{
    private const string ResourcePrefix = "OpsBot.ClusterSim.Scenarios.";
    private readonly Dictionary<string, string> _texts;

    public ScenarioCatalog(IReadOnlyDictionary<string, string> texts) =>
        _texts = new Dictionary<string, string>(texts, StringComparer.Ordinal);

    /// <summary>The scenarios embedded in this assembly.</summary>
    public static ScenarioCatalog Default { get; } = new(Embedded());

    public IReadOnlyList<string> Names => [.. _texts.Keys.Order(StringComparer.Ordinal)];

    public IReadOnlyList<ScenarioDefinition> List() => [.. Names.Select(n => Get(n))];

    public ScenarioDefinition Get(string name, DateTimeOffset? now = null)
    {
        if (!_texts.TryGetValue(name, out var text))
        {
            throw new KeyNotFoundException($"no scenario named '{name}' (known: {string.Join(", ", Names)})");
        }

        return ScenarioParser.Parse(now is { } t ? TimePlaceholders.Expand(text, t) : text, name);
    }

    public bool Contains(string name) => _texts.ContainsKey(name);

    /// <summary>Loads <paramref name="name"/> (and what it extends) into <paramref name="sim"/> at the clock's current time.</summary>
    public ScenarioLoadResult Load(ClusterSimulator sim, string name)
    {
        var now = sim.Clock.GetUtcNow();
        var chain = new List<ScenarioDefinition>();
        for (var current = Get(name, now); ; current = Get(current.Extends, now))
        {
            chain.Insert(0, current);
            if (current.Extends is null)
            {
                break;
            }

            if (chain.Count > 8)
            {
                throw new InvalidOperationException($"scenario '{name}' extends too deeply (a cycle?)");
            }
        }

        var scenario = chain[^1];
        SetUpRegistry(sim.Engine.Kubelet().Registry, chain);
        var applier = new InjectionApplier(sim.Store, sim.Registry, sim.Manifests);
        var count = 0;
        foreach (var definition in chain)
        {
            foreach (var manifest in definition.Manifests)
            {
                var copy = manifest.DeepClone().AsObject();
                var kind = sim.Registry.FindByKind(ObjectMeta.GetString(copy, "apiVersion") ?? "", ObjectMeta.GetString(copy, "kind") ?? "");
                if (kind is { Namespaced: true } && ObjectMeta.Namespace(copy).Length == 0)
                {
                    ObjectMeta.Metadata(copy)["namespace"] = definition.Namespace;
                }

                TlsSecretMaterial.Fill(copy, now);
                SecretStringData.Fold(copy);
                sim.Manifests.Apply(copy);
                count++;
            }

            foreach (var setup in definition.Setup)
            {
                applier.Apply(setup, definition.Namespace);
            }
        }

        var injector = sim.Engine.Controllers.OfType<ScenarioInjector>().FirstOrDefault();
        if (injector is null)
        {
            injector = new ScenarioInjector(applier);
            sim.Engine.Add(injector);
        }

        var injections = chain.SelectMany(d => d.Injections.Select(i => (i, d.Namespace))).ToList();
        injector.Schedule(now, injections);
        return new ScenarioLoadResult(scenario, now, count, injections.Count);
    }

    /// <summary>
    /// A scenario's registry is closed: it holds the images its manifests and setup changes (and its baseline's) use plus
    /// its <c>registry</c> list, minus <c>missingImages</c>. Images that only injections name do not exist unless listed.
    /// </summary>
    private static void SetUpRegistry(ImageRegistry registry, IReadOnlyList<ScenarioDefinition> chain)
    {
        registry.Reset(open: false);
        foreach (var definition in chain)
        {
            // Setup describes the cluster as it was before the incident: what it runs was pulled once, so it exists.
            var setup = definition.Setup.SelectMany(i => i.Manifests.Concat(i.Patch is { } patch ? [patch] : []));
            foreach (var image in definition.Manifests.Concat(setup).SelectMany(Images).Concat(definition.Registry))
            {
                registry.Add(image);
            }
        }

        foreach (var image in chain.SelectMany(d => d.MissingImages))
        {
            registry.MarkMissing(image);
        }
    }

    private static IEnumerable<string> Images(JsonObject manifest)
    {
        var podSpec = manifest["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"] ?? manifest["spec"]?["template"]?["spec"] ?? manifest["spec"];
        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in (podSpec?[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                if ((string?)container["image"] is { } image)
                {
                    yield return image;
                }
            }
        }
    }

    private static Dictionary<string, string> Embedded()
    {
        var assembly = typeof(ScenarioCatalog).Assembly;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal) && r.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            texts[resource[ResourcePrefix.Length..^".yaml".Length]] = reader.ReadToEnd();
        }

        return texts;
    }
}
