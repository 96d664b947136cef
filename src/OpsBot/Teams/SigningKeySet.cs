using Microsoft.IdentityModel.Tokens;

namespace OpsBot.Teams;

/// <summary>The published signing keys at one moment, with each key's channel endorsements.</summary>
/// <param name="Keys">The keys by <c>kid</c>.</param>
/// <param name="Endorsements">Per <c>kid</c>: the channels (e.g. <c>msteams</c>) the key may sign for.</param>
/// <param name="FetchedAt">When they were fetched (by the injected clock).</param>
public sealed record SigningKeySet(
    IReadOnlyDictionary<string, SecurityKey> Keys,
    IReadOnlyDictionary<string, IReadOnlySet<string>> Endorsements,
    DateTimeOffset FetchedAt)
{
    public bool IsEndorsed(string kid, string channelId) =>
        Endorsements.TryGetValue(kid, out var channels) && channels.Contains(channelId);
}
