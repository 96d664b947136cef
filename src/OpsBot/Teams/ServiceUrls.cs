namespace OpsBot.Teams;

/// <summary>Rules for the URLs the bot fetches keys from and sends tokens to.</summary>
public static class ServiceUrls
{
    /// <summary>https anywhere; plain http only on loopback (local fakes and the Bot Framework Emulator).</summary>
    public static bool IsSecureOrLoopback(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
    }

    /// <summary>A service URL as a base for relative calls: with exactly one trailing slash.</summary>
    public static Uri AsBase(string serviceUrl) => new(serviceUrl.TrimEnd('/') + "/");

    /// <summary>Two service URLs name the same endpoint (the <c>serviceurl</c> claim vs. the activity's).</summary>
    public static bool SameEndpoint(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.Ordinal);
}
