namespace OpsBot.Caching;

/// <summary>What a cluster's cache covers.</summary>
public enum CacheScope
{
    /// <summary>Nothing yet: the cache is starting (or its client cannot be built yet).</summary>
    Starting,

    /// <summary>Every namespace.</summary>
    AllNamespaces,

    /// <summary>Over <see cref="ClusterCacheOptions.MaxObjects"/>: only the namespaces the channels use.</summary>
    ChannelNamespaces,

    /// <summary>Over the limit even so: every read goes to the API.</summary>
    Off,
}
