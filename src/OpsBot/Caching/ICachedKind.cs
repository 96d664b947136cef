namespace OpsBot.Caching;

/// <summary>What a cluster's cache asks of each of its kinds, whatever the type (for the sync wait and <c>/readyz</c>).</summary>
public interface ICachedKind
{
    string Kind { get; }

    bool HasSynced { get; }

    int Count { get; }

    DateTimeOffset? DisconnectedSince { get; }

    /// <summary>The last failure of one of the kind's informers, or null.</summary>
    string? LastError { get; }

    Task RunAsync(CancellationToken cancellationToken = default);
}
