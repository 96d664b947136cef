namespace OpsBot.ClusterSim.Api;

/// <summary>
/// A parsed resource URL: <c>/api/v1/namespaces/{ns}/pods/{name}/log</c>,
/// <c>/apis/apps/v1/deployments</c>, <c>/api/v1/namespaces/{name}/status</c>.
/// </summary>
public sealed record ResourcePath(ResourceDefinition Definition, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>Parses the segments after the group-version; null when no served resource matches.</summary>
    public static ResourcePath? Parse(ResourceRegistry registry, string groupVersion, IReadOnlyList<string> segments)
    {
        ResourceDefinition? Find(string plural) => registry.InGroupVersion(groupVersion).FirstOrDefault(d => d.Plural == plural);

        if (segments.Count >= 3 && segments[0] == "namespaces" && Find(segments[2]) is { Namespaced: true } namespaced)
        {
            return segments.Count switch
            {
                3 => new ResourcePath(namespaced, segments[1], null, null),
                4 => new ResourcePath(namespaced, segments[1], segments[3], null),
                5 => new ResourcePath(namespaced, segments[1], segments[3], segments[4]),
                _ => null,
            };
        }

        if (segments.Count is < 1 or > 3 || Find(segments[0]) is not { } definition)
        {
            return null;
        }

        return segments.Count switch
        {
            1 => new ResourcePath(definition, null, null, null),
            2 when !definition.Namespaced || definition.Plural == "namespaces" => new ResourcePath(definition, null, segments[1], null),
            3 when !definition.Namespaced => new ResourcePath(definition, null, segments[1], segments[2]),
            _ => null,
        };
    }
}
