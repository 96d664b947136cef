using OpsBot.Commands;
using OpsBot.ClusterObjects;

namespace OpsBot.Checks;

/// <summary>A mute's target: a namespace, or <c>namespace/name</c>, checked with Kubernetes' own rules before it is stored.</summary>
public static class MuteTargets
{
    /// <summary>Why <paramref name="target"/> is not a namespace or <c>namespace/name</c>, or <see langword="null"/>.</summary>
    public static string? Validate(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var parts = target.Split('/');
        if (parts.Length > 2)
        {
            return $"The target must be a namespace or namespace/name, not \"{(target.Length > 60 ? target[..60] + "…" : target)}\"";
        }

        return KubernetesNames.ValidateLabel(parts[0]) is { } badNamespace
            ? $"The target's namespace: {badNamespace}"
            : parts.Length == 2 && KubernetesNames.ValidateSubdomain(parts[1]) is { } badName ? $"The target's name: {badName}" : null;
    }
}
