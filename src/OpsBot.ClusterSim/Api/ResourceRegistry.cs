namespace OpsBot.ClusterSim.Api;

/// <summary>The resources the simulated API server serves, looked up by path or by apiVersion + kind.</summary>
public sealed class ResourceRegistry
{
    private readonly List<ResourceDefinition> _definitions;
    private readonly List<string> _groupVersions;

    public ResourceRegistry(IEnumerable<ResourceDefinition> definitions, IEnumerable<string>? extraGroupVersions = null)
    {
        _definitions = [.. definitions];
        _groupVersions = [.. _definitions.Select(d => d.GroupVersion).Concat(extraGroupVersions ?? []).Distinct(StringComparer.Ordinal)];
    }

    public IReadOnlyList<ResourceDefinition> Definitions => _definitions;

    /// <summary>Every group-version served, in registration order (<c>v1</c>, <c>apps/v1</c>, …).</summary>
    public IReadOnlyList<string> GroupVersions => _groupVersions;

    public ResourceDefinition? Find(string group, string version, string plural) =>
        _definitions.FirstOrDefault(d => d.Group == group && d.Version == version && d.Plural == plural);

    public ResourceDefinition? FindByKind(string apiVersion, string kind) =>
        _definitions.FirstOrDefault(d => d.ApiVersion == apiVersion && d.Kind == kind);

    /// <summary>Finds a resource by kind alone (the first group that has it), for manifests and tests.</summary>
    public ResourceDefinition? FindByKind(string kind) => _definitions.FirstOrDefault(d => d.Kind == kind && !d.IsMetrics);

    public bool ServesGroupVersion(string groupVersion) => _groupVersions.Contains(groupVersion);

    public IEnumerable<ResourceDefinition> InGroupVersion(string groupVersion) =>
        _definitions.Where(d => d.GroupVersion == groupVersion);
}
