using OpsBot.ClusterObjects;
using k8s.Models;

namespace OpsBot.Commands.K8s;

/// <summary>One event as responders read it: type, reason, object, message, count, when last seen.</summary>
public sealed record EventSummary(string Namespace, string Type, string Reason, string Object, string Message, int Count, DateTimeOffset? LastSeen)
{
    public bool IsWarning => string.Equals(Type, "Warning", StringComparison.OrdinalIgnoreCase);

    public static EventSummary Of(Corev1Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var lastSeen = e.Series?.LastObservedTime ?? e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp;
        var involved = e.InvolvedObject;
        return new EventSummary(
            e.Metadata?.NamespaceProperty ?? involved?.NamespaceProperty ?? string.Empty,
            e.Type ?? "Normal",
            e.Reason ?? string.Empty,
            $"{involved?.Kind ?? "?"}/{involved?.Name ?? "?"}",
            (e.Message ?? string.Empty).Trim(),
            Math.Max(e.Series?.Count ?? e.Count ?? 1, 1),
            lastSeen);
    }

    /// <summary>Warnings first, then newest first.</summary>
    public static IEnumerable<EventSummary> Sort(IEnumerable<EventSummary> events) =>
        events.OrderByDescending(e => e.IsWarning).ThenByDescending(e => e.LastSeen ?? DateTimeOffset.MinValue);

    /// <summary>The table rows: TYPE, REASON, OBJECT, COUNT, LAST SEEN, MESSAGE.</summary>
    public IReadOnlyList<string> Row(DateTimeOffset now, bool withNamespace) =>
        withNamespace
            ? [Namespace, Type, Reason, Object, Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Ages.Since(LastSeen, now), Message]
            : [Type, Reason, Object, Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Ages.Since(LastSeen, now), Message];

    public static IReadOnlyList<Chat.Messages.TableColumn> Columns(bool withNamespace) =>
        withNamespace
            ? ["NAMESPACE", "TYPE", "REASON", "OBJECT", new("COUNT", Chat.Messages.ColumnAlignment.Right), "LAST SEEN", "MESSAGE"]
            : ["TYPE", "REASON", "OBJECT", new("COUNT", Chat.Messages.ColumnAlignment.Right), "LAST SEEN", "MESSAGE"];
}
