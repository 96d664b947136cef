using System.Security.Cryptography;
using System.Text;

namespace OpsBot.Chat.Delivery;

/// <summary>Argument rules every <see cref="IClaimStore"/> applies alike.</summary>
internal static class ClaimKeys
{
    /// <summary>Longest key: event ids and retry keys are short; a bound keeps index entries small.</summary>
    public const int MaxLength = 512;

    /// <summary><paramref name="key"/> itself, or, when it is longer than <see cref="MaxLength"/>, its prefix and SHA-256.</summary>
    public static string Fit(string prefix, string key)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(key);
        return key.Length <= MaxLength ? key : prefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    public static void Validate(string key, TimeSpan ttl)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > MaxLength)
        {
            throw new ArgumentException($"A claim key is at most {MaxLength} characters; this one has {key.Length}.", nameof(key));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
    }
}
