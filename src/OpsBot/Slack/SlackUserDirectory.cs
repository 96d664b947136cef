using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OpsBot.Chat;

namespace OpsBot.Slack;

/// <summary>
/// Display names of Slack users (<c>users.info</c>), cached for an hour so that a busy channel costs
/// one lookup per person. A failed lookup answers <see langword="null"/>: a name is a nicety, the id decides.
/// </summary>
public sealed partial class SlackUserDirectory(SlackApiClient api, TimeProvider time, ILogger<SlackUserDirectory> logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, (string? Name, DateTimeOffset Expires)> _names = new(StringComparer.Ordinal);

    /// <summary>The user's display name, else real name, else handle.</summary>
    public async Task<string?> GetDisplayNameAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (_names.TryGetValue(userId, out var cached) && cached.Expires > time.GetUtcNow())
        {
            return cached.Name;
        }

        try
        {
            var user = await api.GetUserAsync(userId, cancellationToken).ConfigureAwait(false);
            var name = new[] { (string?)user["profile"]?["display_name"], (string?)user["real_name"], (string?)user["name"] }
                .FirstOrDefault(candidate => !string.IsNullOrWhiteSpace(candidate));
            _names[userId] = (name, time.GetUtcNow() + Lifetime);
            return name;
        }
        catch (SlackApiException error)
        {
            LogLookupFailed(LogText.Sanitize(userId), LogText.Sanitize(error.Error));
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up Slack user {UserId}: {Error}")]
    private partial void LogLookupFailed(string userId, string error);
}
