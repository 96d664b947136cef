using System.Text.Json;
using System.Text.RegularExpressions;
using Hangfire;
using OpsBot.Console;

namespace OpsBot.Jobs;

public static partial class JobsEndpoints
{
    /// <summary>The dashboard's path.</summary>
    public const string DashboardPath = "/jobs";

    /// <summary>
    /// The Hangfire dashboard at <c>/jobs</c> (this host's storage, <see cref="JobsDashboardAccess"/> at the door) and
    /// <c>POST /api/console/jobs/session</c> <c>{"user": "alice"}</c>, which gives a console-token holder the cookie a
    /// browser needs (it cannot send the bearer header when following a link).
    /// </summary>
    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var access = app.ServiceProvider.GetRequiredService<JobsDashboardAccess>();
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [access],
            IsReadOnlyFunc = access.IsReadOnly,
            AppPath = "/",
            DashboardTitle = "OpsBot jobs",
            DisplayStorageConnectionString = false,
        }, app.ServiceProvider.GetRequiredService<JobStorage>());
        app.MapPost("/api/console/jobs/session", StartSessionAsync).AddEndpointFilter<ConsoleTokenFilter>();
        return app;
    }

    private static async Task<IResult> StartSessionAsync(HttpContext context, JobsDashboardAccess access, CancellationToken cancellationToken)
    {
        string? user;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            user = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("user", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return Results.Json(new { error = "The body must be JSON: {\"user\": \"alice\"}." }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (user is null || !UserName().IsMatch(user))
        {
            return Results.Json(new { error = "\"user\" must be a console user name (letters, digits, '.', '_' or '-', at most 64)." }, statusCode: StatusCodes.Status400BadRequest);
        }

        context.Response.Cookies.Append(JobsDashboardAccess.CookieName, access.IssueSession(user), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = DashboardPath,
            MaxAge = JobsDashboardAccess.SessionLifetime,
        });
        return Results.Json(new { user, readOnly = !access.IsAdmin(user), dashboard = DashboardPath });
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex UserName();
}
