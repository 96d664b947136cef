namespace OpsBot.Kubernetes;

/// <summary>
/// Where a kind of resource lives in the API: group, version and plural name, and whether it is
/// namespaced. An empty group is the core API (<c>/api/v1</c>).
/// </summary>
public record ResourceDefinition(string Group, string Version, string Plural, bool Namespaced)
{
    /// <summary><c>/api/v1</c> or <c>/apis/{group}/{version}</c>.</summary>
    public string GroupVersionPath => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    /// <summary><c>apiVersion</c> as written in objects: <c>v1</c> or <c>{group}/{version}</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The collection path: all namespaces when <paramref name="namespaceParameter"/> is null.</summary>
    public string CollectionPath(string? namespaceParameter)
    {
        if (Namespaced && namespaceParameter is not null)
        {
            return $"{GroupVersionPath}/namespaces/{PathSegment.Escape(namespaceParameter, "namespace")}/{Plural}";
        }

        if (!Namespaced && namespaceParameter is not null)
        {
            throw new ArgumentException($"{Plural} are not namespaced; do not pass a namespace.", nameof(namespaceParameter));
        }

        return $"{GroupVersionPath}/{Plural}";
    }

    /// <summary>The path of one object, optionally of one of its subresources (status, scale, log).</summary>
    public string ItemPath(string? namespaceParameter, string name, string? subresource = null)
    {
        if (Namespaced && namespaceParameter is null)
        {
            throw new ArgumentException($"{Plural} are namespaced; a namespace is required.", nameof(namespaceParameter));
        }

        var path = $"{CollectionPath(namespaceParameter)}/{PathSegment.Escape(name, "name")}";
        return subresource is null ? path : $"{path}/{subresource}";
    }
}

/// <summary>A resource with its object and list types, so that generic calls infer them.</summary>
public sealed record ResourceDefinition<T, TList>(string Group, string Version, string Plural, bool Namespaced)
    : ResourceDefinition(Group, Version, Plural, Namespaced)
    where T : class
    where TList : class, OpsBot.Kubernetes.Models.IKubernetesList<T>;
