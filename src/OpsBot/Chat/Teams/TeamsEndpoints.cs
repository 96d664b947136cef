using System.Text.Json;

namespace OpsBot.Chat.Teams;

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
            app.MapPost(Path, HandleAsync);
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

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        BotActivity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync(context.Request.Body, TeamsJsonContext.Default.BotActivity, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            activity = null;
        }

        if (activity is null)
        {
            LogRefused(logger, "the body is not a Bot Framework activity", null, null);
            return Results.BadRequest();
        }

        var check = await validator.ValidateAsync(authorization, activity, cancellationToken).ConfigureAwait(false);
        if (!check.IsValid)
        {
            LogRefused(logger, check.Failure!, activity.Type, activity.ServiceUrl);
            return Results.Unauthorized();
        }

        if (string.IsNullOrEmpty(TeamsActivities.UserIdOf(activity)))
        {
            LogRefused(logger, "the activity names no sender", activity.Type, activity.ServiceUrl);
            return Results.BadRequest();
        }

        return await handler.HandleAsync(activity, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Teams activity ({Type} from {ServiceUrl}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason, string? type, string? serviceUrl);
}
