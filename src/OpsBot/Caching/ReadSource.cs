namespace OpsBot.Caching;

/// <summary>Where one read was answered from: the cache (how fresh) or the API server (and why not the cache).</summary>
public sealed record ReadSource(string Kind, CacheFreshness? Cache, string? WhyApi)
{
    public bool FromCache => Cache is not null;
}
