using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpsBot.Slack;

/// <summary>
/// Verifies Slack's v0 request signature over the raw body, before anything parses it:
/// <c>v0=hex(HMAC-SHA256(signing secret, "v0:{timestamp}:{body}"))</c>, compared in constant time,
/// with the timestamp within five minutes of the injected clock.
/// https://docs.slack.dev/authentication/verifying-requests-from-slack
/// </summary>
public sealed class SlackSignatureVerifier
{
    /// <summary>How far a request's timestamp may be from now.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private const string Version = "v0";
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public SlackSignatureVerifier(string signingSecret, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        _key = Encoding.UTF8.GetBytes(signingSecret);
        _time = time;
    }

    /// <param name="timestamp">The <c>X-Slack-Request-Timestamp</c> header (unix seconds).</param>
    /// <param name="signature">The <c>X-Slack-Signature</c> header (<c>v0=…</c>).</param>
    /// <param name="body">The request body exactly as received.</param>
    public SlackSignatureResult Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SlackSignatureResult.Missing;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(_time.GetUtcNow().ToUnixTimeSeconds() - seconds) > Tolerance.TotalSeconds)
        {
            return SlackSignatureResult.Stale;
        }

        if (!signature.StartsWith(Version + "=", StringComparison.Ordinal) || signature.Length != Version.Length + 1 + (SHA256.HashSizeInBytes * 2))
        {
            return SlackSignatureResult.Mismatch;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.AsSpan(Version.Length + 1));
        }
        catch (FormatException)
        {
            return SlackSignatureResult.Mismatch;
        }

        return CryptographicOperations.FixedTimeEquals(Compute(timestamp, body), given) ? SlackSignatureResult.Valid : SlackSignatureResult.Mismatch;
    }

    /// <summary>The <c>v0=…</c> signature of a body at a timestamp (what Slack sends).</summary>
    public string Sign(string timestamp, ReadOnlySpan<byte> body) => Version + "=" + Convert.ToHexStringLower(Compute(timestamp, body));

    private byte[] Compute(string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(_key, message);
    }
}
