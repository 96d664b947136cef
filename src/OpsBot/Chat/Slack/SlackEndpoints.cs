using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace OpsBot.Chat.Slack;

/// <summary>
/// Slack's request URLs: <c>/slack/commands</c>, <c>/slack/interactions</c>, <c>/slack/events</c>.
/// Each verifies the signature over the raw body first (401 and nothing runs otherwise), then acks
/// within Slack's 3 seconds. Mapped only when HTTP mode is configured (<c>Slack:SigningSecret</c>).
/// </summary>
public static partial class SlackEndpoints
{
    // Slack's payloads are small; an interaction carries the clicked message's blocks (≤ 50).
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapSlackEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ServiceProvider.GetService<SlackSignatureVerifier>() is null)
        {
            return app;
        }

        var slack = app.MapGroup("/slack");
        slack.MapPost("/commands", HandleCommandAsync);
        slack.MapPost("/interactions", HandleInteractionAsync);
        slack.MapPost("/events", HandleEventAsync);
        return app;
    }

    // https://docs.slack.dev/interactivity/implementing-slash-commands
    private static async Task<IResult> HandleCommandAsync(HttpContext context, SlackSignatureVerifier verifier, SlackInbound inbound, ILoggerFactory loggers)
    {
        var (body, refused) = await VerifiedBodyAsync(context, verifier, loggers).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        var command = SlackSlashCommand.From(name => form.TryGetValue(name, out var value) ? value.ToString() : null);
        if (command is null)
        {
            return Results.Text("A slash command needs command, user_id and channel_id.", statusCode: StatusCodes.Status400BadRequest);
        }

        var ack = await inbound.HandleCommandAsync(command, replyInAck: true, context.RequestAborted).ConfigureAwait(false);
        return Ack(ack);
    }

    // https://docs.slack.dev/interactivity/handling-user-interaction
    private static async Task<IResult> HandleInteractionAsync(HttpContext context, SlackSignatureVerifier verifier, SlackInbound inbound, ILoggerFactory loggers)
    {
        var (body, refused) = await VerifiedBodyAsync(context, verifier, loggers).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        if (!form.TryGetValue("payload", out var payload) || Parse(payload.ToString()) is not { } json)
        {
            return Results.Text("An interaction needs a JSON payload field.", statusCode: StatusCodes.Status400BadRequest);
        }

        await inbound.HandleInteractionAsync(json, fallbackId: null, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok();
    }

    // https://docs.slack.dev/apis/events-api/using-http-request-urls
    private static async Task<IResult> HandleEventAsync(HttpContext context, SlackSignatureVerifier verifier, SlackInbound inbound, ILoggerFactory loggers)
    {
        var (body, refused) = await VerifiedBodyAsync(context, verifier, loggers).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        if (Parse(Encoding.UTF8.GetString(body)) is not { } envelope)
        {
            return Results.Text("An event needs a JSON body.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (context.Request.Headers["X-Slack-Retry-Num"] is { Count: > 0 } retry)
        {
            Log(loggers).LogRetry(retry.ToString(), context.Request.Headers["X-Slack-Retry-Reason"].ToString());
        }

        return Ack(await inbound.HandleEventAsync(envelope, context.RequestAborted).ConfigureAwait(false));
    }

    // The raw body, read in full before anything parses it, and its signature checked over exactly those bytes.
    private static async Task<(byte[] Body, IResult? Refused)> VerifiedBodyAsync(HttpContext context, SlackSignatureVerifier verifier, ILoggerFactory loggers)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return ([], Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return ([], Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
            }

            buffer.Write(chunk, 0, read);
        }

        var body = buffer.ToArray();
        var result = verifier.Verify(request.Headers["X-Slack-Request-Timestamp"], request.Headers["X-Slack-Signature"], body);
        if (result == SlackSignatureResult.Valid)
        {
            return (body, null);
        }

        Log(loggers).LogRefused(request.Path, result);
        return ([], Results.Text($"Slack signature {result.ToString().ToLowerInvariant()}.", statusCode: StatusCodes.Status401Unauthorized));
    }

    private static IResult Ack(JsonObject? body) =>
        body is null ? Results.Ok() : Results.Text(body.ToJsonString(), "application/json; charset=utf-8");

    private static JsonObject? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ILogger Log(ILoggerFactory loggers) => loggers.CreateLogger(typeof(SlackEndpoints).FullName!);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to {Path}: Slack signature {Result}")]
    private static partial void LogRefused(this ILogger logger, string path, SlackSignatureResult result);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack retry {RetryNum} of an event ({Reason})")]
    private static partial void LogRetry(this ILogger logger, string retryNum, string reason);
}
