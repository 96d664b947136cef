using System.Text.Json.Nodes;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;

namespace OpsBot.Teams;

/// <summary>
/// <c>POST /api/messages</c>, the bot's messaging endpoint. Every activity's token is checked
/// (<see cref="BotFrameworkTokenValidator"/>) before anything runs; a refusal is 401 and logged with
/// its reason (never the token).
/// </summary>
public static partial class TeamsEndpoints
{
    public const string Path = "/api/messages";

    /// <summary>Larger bodies are refused (Teams activities are a few KB).</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Maps the endpoint when Teams is configured (<see cref="TeamsServiceCollectionExtensions.AddOpsBotTeams"/>); otherwise does nothing.</summary>
    public static IEndpointRouteBuilder MapTeamsEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ServiceProvider.GetService<TeamsEnabled>() is not null)
        {
            app.MapPost(Path, HandleAsync).AddEndpointFilter<RouteHandlerBuilder, AcksFirstEndpointFilter>();
        }

        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        BotFrameworkTokenValidator validator,
        TeamsActivityHandler handler,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(TeamsEndpoints));
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            LogRefused(logger, "no Authorization header", null, null);
            return Results.Unauthorized();
        }

        if (await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var read = TeamsActivities.Read(body);
        if (read.Value is not { } activity)
        {
            return Refuse(logger, read.Refusal!, null);
        }

        var check = await validator.ValidateAsync(authorization, activity, cancellationToken).ConfigureAwait(false);
        if (!check.IsValid)
        {
            LogRefused(logger, check.Failure!, LogText.Sanitize(activity.Type), LogText.Sanitize(activity.ServiceUrl));
            return Results.Unauthorized();
        }

        if (TeamsActivities.ShapeProblem(activity) is { } problem)
        {
            return Refuse(logger, problem, activity);
        }

        if (string.IsNullOrEmpty(TeamsActivities.UserIdOf(activity)))
        {
            return Refuse(logger, "the activity names no sender (from.id)", activity);
        }

        return await handler.HandleAsync(activity, cancellationToken).ConfigureAwait(false);
    }

    // A body of the wrong shape: 400 with the reason (no secret in it: only JSON paths and kinds), logged once.
    private static IResult Refuse(ILogger logger, string reason, BotActivity? activity)
    {
        LogRefused(logger, reason, LogText.Sanitize(activity?.Type), LogText.Sanitize(activity?.ServiceUrl));
        return Results.Json(new JsonObject { ["error"] = reason }, TeamsJsonContext.Default.JsonObject, statusCode: StatusCodes.Status400BadRequest);
    }

    // The whole body, at most MaxBodyBytes: a chunked body has no Content-Length to refuse it by.
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Teams activity ({Type} from {ServiceUrl}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason, string? type, string? serviceUrl);
}
