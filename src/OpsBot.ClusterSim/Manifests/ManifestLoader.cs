using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Manifests;

/// <summary>
/// Loads manifests straight into the store (scenario files, seeding): each document (or each item of a
/// <c>kind: List</c>) is created, or replaced when it exists. No validation, no namespace check.
/// </summary>
public sealed class ManifestLoader
{
    private readonly ObjectStore _store;
    private readonly ResourceRegistry _registry;

    public ManifestLoader(ObjectStore store, ResourceRegistry registry)
    {
        _store = store;
        _registry = registry;
    }

    /// <summary>Applies every document of a YAML or JSON text; returns the stored objects.</summary>
    public IReadOnlyList<JsonObject> ApplyText(string text) =>
        [.. YamlToJson.ConvertDocuments(text).SelectMany(Flatten).Select(Apply)];

    public IReadOnlyList<JsonObject> ApplyFile(string path) => ApplyText(File.ReadAllText(path));

    /// <summary>Creates or replaces one object; its apiVersion and kind pick the resource.</summary>
    public JsonObject Apply(JsonObject obj)
    {
        var apiVersion = ObjectMeta.GetString(obj, "apiVersion") ?? "";
        var kind = ObjectMeta.GetString(obj, "kind") ?? "";
        var definition = _registry.FindByKind(apiVersion, kind)
            ?? throw new InvalidOperationException($"no resource serves {apiVersion} {kind}");
        var copy = obj.DeepClone().AsObject();
        var meta = ObjectMeta.Metadata(copy);
        if (!definition.Namespaced)
        {
            meta.Remove("namespace");
        }
        else if (ObjectMeta.Namespace(copy).Length == 0)
        {
            meta["namespace"] = "default";
        }

        meta.Remove("resourceVersion");
        return _store.TryGet(definition.Resource, ObjectMeta.Namespace(copy), ObjectMeta.Name(copy)) is null
            ? _store.Create(definition.Resource, copy)
            : _store.Update(definition.Resource, copy);
    }

    private static IEnumerable<JsonObject> Flatten(JsonNode document)
    {
        if (document is JsonObject o && ObjectMeta.GetString(o, "kind") is { } kind && kind.EndsWith("List", StringComparison.Ordinal) && o["items"] is JsonArray items)
        {
            return items.OfType<JsonObject>();
        }

        return document is JsonObject single ? [single] : [];
    }
}
