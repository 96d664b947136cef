using k8s.Models;

namespace OpsBot.Triage;

/// <summary>An event inside the <c>--since</c> window, flattened: what object, why, how often, when.</summary>
public sealed record RecentEvent(string Kind, string Name, string Type, string Reason, string Message, int Count, DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen, string? FieldPath = null)
{
    /// <summary>The container an event is about (<c>spec.containers{app}</c>, <c>spec.initContainers{migrate}</c>), when it says.</summary>
    public string? Container => FieldPath is { } path && path.IndexOf('{', StringComparison.Ordinal) is var open and >= 0 && path.EndsWith('}') ? path[(open + 1)..^1] : null;

    /// <summary>Whether the event is about an init container.</summary>
    public bool IsInitContainer => FieldPath?.StartsWith("spec.initContainers", StringComparison.Ordinal) == true;

    public bool IsWarning => string.Equals(Type, "Warning", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>pod/frontend-7d9f-b</c>.</summary>
    public string Object => $"{Kind.ToLowerInvariant()}/{Name}";

    public static RecentEvent Of(Corev1Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var lastSeen = e.Series?.LastObservedTime ?? e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp;
        var firstSeen = e.FirstTimestamp ?? e.EventTime ?? e.Metadata?.CreationTimestamp ?? lastSeen;
        return new RecentEvent(
            e.InvolvedObject?.Kind ?? "?",
            e.InvolvedObject?.Name ?? "?",
            e.Type ?? "Normal",
            e.Reason ?? string.Empty,
            (e.Message ?? string.Empty).Trim(),
            Math.Max(e.Series?.Count ?? e.Count ?? 1, 1),
            firstSeen,
            lastSeen,
            e.InvolvedObject?.FieldPath);
    }
}
