using OpsBot.Caching;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;

namespace OpsBot.Commands.K8s;

/// <summary>The recent events of one object, warnings first, as a table for <c>describe</c>.</summary>
public static class ObjectEvents
{
    public const int MaxRows = 15;

    /// <remarks>Matched by kind, name and namespace (not uid), so events of an earlier object with the same name show too, as in <c>kubectl events --for</c>.</remarks>
    public static async Task<IReadOnlyList<EventSummary>> ListAsync(ClusterReads reads, string? ns, string kind, string name, string? uid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reads);
        var events = await reads.EventsForAsync(ns, name, uid: null, kind, cancellationToken).ConfigureAwait(false);
        return [.. EventSummary.Sort(events.Select(EventSummary.Of))];
    }

    public static IEnumerable<MessageBlock> Blocks(IReadOnlyList<EventSummary> events, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            yield return new ContextBlock(["Events: none recorded"]);
            yield break;
        }

        var rows = events.Select(e => (IReadOnlyList<string>)[e.Type, e.Reason, K8sReplies.N(e.Count), Ages.Since(e.LastSeen, now), e.Message]).ToList();
        foreach (var block in K8sReplies.Table(["TYPE", "REASON", new("COUNT", ColumnAlignment.Right), "LAST SEEN", "MESSAGE"], rows, MaxRows, "events", "Events"))
        {
            yield return block;
        }
    }
}
