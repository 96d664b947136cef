namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>containerd's normalisation of image names: <c>web:v1</c> → <c>docker.io/library/web:v1</c>, no tag → <c>:latest</c>.</summary>
public static class ImageReference
{
    public static string Normalize(string image)
    {
        var name = image.Trim();
        var digest = name.IndexOf('@', StringComparison.Ordinal);
        var lastSlash = name.LastIndexOf('/');
        var hasTag = name.LastIndexOf(':') > lastSlash;
        if (digest < 0 && !hasTag)
        {
            name += ":latest";
        }

        var firstSlash = name.IndexOf('/', StringComparison.Ordinal);
        var first = firstSlash < 0 ? "" : name[..firstSlash];
        var hasRegistry = firstSlash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost");
        if (hasRegistry)
        {
            return name;
        }

        return firstSlash < 0 ? "docker.io/library/" + name : "docker.io/" + name;
    }

    /// <summary>The repository part (no tag or digest), for <c>imageID</c>.</summary>
    public static string Repository(string normalized)
    {
        var at = normalized.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return normalized[..at];
        }

        var colon = normalized.LastIndexOf(':');
        return colon > normalized.LastIndexOf('/') ? normalized[..colon] : normalized;
    }

    /// <summary>The pull policy Kubernetes defaults to: Always for <c>:latest</c> (or no tag), IfNotPresent otherwise.</summary>
    public static string DefaultPullPolicy(string image) =>
        Normalize(image).EndsWith(":latest", StringComparison.Ordinal) ? "Always" : "IfNotPresent";
}
