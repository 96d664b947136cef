using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpsBot.Testing.Slack;

/// <summary>
/// Builds requests the way Slack sends them: <c>X-Slack-Request-Timestamp</c> and
/// <c>X-Slack-Signature: v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}"))</c> over the exact body bytes.
/// https://docs.slack.dev/authentication/verifying-requests-from-slack
/// </summary>
public sealed class SlackRequestSigner(string signingSecret)
{
    /// <summary>A signing secret for tests (32 hex characters, like Slack's).</summary>
    public const string TestSecret = "5ec0a1b2c3d4e5f60718293a4b5c6d7e";

    public string Secret { get; } = signingSecret;

    public static string Signature(string secret, string timestamp, string body) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));

    /// <summary>A signed POST of <paramref name="body"/> (form-encoded unless <paramref name="contentType"/> says otherwise).</summary>
    public HttpRequestMessage Request(string path, string body, DateTimeOffset at, string contentType = "application/x-www-form-urlencoded")
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = Unsigned(path, body, contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Signature(Secret, timestamp, body));
        return request;
    }

    /// <summary>The same request without Slack's headers.</summary>
    public static HttpRequestMessage Unsigned(string path, string body, string contentType = "application/x-www-form-urlencoded")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return request;
    }

    /// <summary>A slash command's form body.</summary>
    public static string CommandForm(string command, string text, string user, string channel, Uri responseUrl, string triggerId) =>
        string.Join('&', new Dictionary<string, string>
        {
            ["token"] = "deprecated-verification-token",
            ["team_id"] = "T0001",
            ["team_domain"] = "opsbot-test",
            ["channel_id"] = channel,
            ["channel_name"] = "incident",
            ["user_id"] = user,
            ["user_name"] = user.ToLowerInvariant(),
            ["command"] = command,
            ["text"] = text,
            ["api_app_id"] = "A0001",
            ["response_url"] = responseUrl.AbsoluteUri,
            ["trigger_id"] = triggerId,
        }.Select(pair => Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value)));
}
