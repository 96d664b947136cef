using System.Text.Json.Nodes;

namespace OpsBot.Operations;

/// <summary>
/// Something <c>/readyz</c> shows without waiting on it (under <c>details</c>; registered with <c>TryAddEnumerable</c>):
/// its state never makes the replica unready — e.g. the watch cache, since a replica serves from the API until it is synced.
/// </summary>
public interface IReadinessDetail
{
    /// <summary>The key under <c>details</c>, e.g. <c>cache</c>.</summary>
    string Name { get; }

    /// <summary>The state to show. Should not throw.</summary>
    JsonNode Describe();
}
