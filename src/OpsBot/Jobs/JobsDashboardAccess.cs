using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;
using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Console;

namespace OpsBot.Jobs;

/// <summary>
/// Who may see the Hangfire dashboard at <c>/jobs</c>, and who may change things there. The same door as the console
/// API: closed until the console's exposure check has passed; with <c>Console:Token</c>, the token
/// (<c>Authorization: Bearer</c>, or the session cookie a token holder got from <c>POST /api/console/jobs/session</c>);
/// without it, loopback only. Buttons that change jobs (trigger, delete, requeue) need a session whose console user
/// holds <c>admin</c>; everyone else gets the read-only dashboard.
/// </summary>
public sealed class JobsDashboardAccess(
    IOptions<ConsoleOptions> console,
    ConsoleExposure exposure,
    ICommandAuthorizer authorizer,
    TimeProvider time) : IDashboardAuthorizationFilter
{
    /// <summary>The session cookie (HttpOnly, SameSite=Strict, path /jobs).</summary>
    public const string CookieName = "OpsBot.Jobs";

    /// <summary>How long a dashboard session lasts.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    // Without a console token there is nothing shared to sign with: a key of this process (sessions end with it).
    private readonly byte[] _processKey = RandomNumberGenerator.GetBytes(32);

    public bool Authorize(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        if (exposure.Closed is not null)
        {
            return false;
        }

        if (console.Value.Token is { Length: > 0 } token)
        {
            var presented = http.Request.Headers.Authorization.ToString();
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes("Bearer " + token))
                || SessionUser(http) is not null;
        }

        return http.Connection.RemoteIpAddress is not { } remote || IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
    }

    /// <summary>Read-only unless the session's console user holds <c>admin</c>.</summary>
    public bool IsReadOnly(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SessionUser(context.GetHttpContext()) is not { } user || !IsAdmin(user);
    }

    /// <summary>The signed cookie value for a console user, valid for <see cref="SessionLifetime"/>.</summary>
    public string IssueSession(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var expires = time.GetUtcNow().Add(SessionLifetime).ToUnixTimeSeconds();
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{expires}:{user}"));
        return payload + "." + Sign(payload);
    }

    /// <summary>Whether a console user holds <c>admin</c> (on any namespace, in the console's channels).</summary>
    public bool IsAdmin(string user) =>
        authorizer.Authorize(new ChatRequest { Platform = ChatPlatform.Console, UserId = user, ChannelId = "jobs" }, Permission.Admin, ns: null).Allowed;

    private string? SessionUser(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var cookie) || cookie.Split('.') is not [var payload, var signature])
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Sign(payload))))
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(payload));
        }
        catch (FormatException)
        {
            return null;
        }

        return text.Split(':', 2) is [var expires, var user]
            && long.TryParse(expires, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && DateTimeOffset.FromUnixTimeSeconds(seconds) > time.GetUtcNow()
            ? user
            : null;
    }

    private string Sign(string payload)
    {
        var key = console.Value.Token is { Length: > 0 } token
            ? HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), "opsbot-jobs-dashboard"u8)
            : _processKey;
        return Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload)));
    }
}
