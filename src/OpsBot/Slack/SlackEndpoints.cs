using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;

namespace OpsBot.Slack;

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

        var slack = app.MapGroup("/slack").AddEndpointFilter<RouteGroupBuilder, AcksFirstEndpointFilter>();
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

        if (Form(body, out var formRefusal) is not { } form)
        {
            return Malformed(context, loggers, formRefusal!);
        }

        var command = SlackSlashCommand.From(name => form.TryGetValue(name, out var value) ? value.ToString() : null);
        if (command is null)
        {
            return Malformed(context, loggers, SlackSlashCommand.MissingFields);
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

        if (Form(body, out var formRefusal) is not { } form)
        {
            return Malformed(context, loggers, formRefusal!);
        }

        if (!form.TryGetValue("payload", out var payload))
        {
            return Malformed(context, loggers, "An interaction needs a JSON payload field.");
        }

        if (InboundJson.ParseObject(payload.ToString(), out var jsonRefusal) is not { } json)
        {
            return Malformed(context, loggers, "payload: " + jsonRefusal);
        }

        var shortcut = SlackMessageShortcut.Read(json);
        if (shortcut.Refusal is { } badShortcut)
        {
            return Malformed(context, loggers, badShortcut);
        }

        if (shortcut.Value is { } messageShortcut)
        {
            await inbound.HandleMessageShortcutAsync(messageShortcut, fallbackId: null, context.RequestAborted).ConfigureAwait(false);
            return Results.Ok();
        }

        var press = SlackBlockActions.Read(json);
        if (press.Refusal is { } refusal)
        {
            return Malformed(context, loggers, refusal);
        }

        if (press.Value is { } value)
        {
            await inbound.HandleInteractionAsync(value, fallbackId: null, context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            inbound.Ignored("interaction", press.Ignored!);
        }

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

        if (InboundJson.ParseObject(body, out var jsonRefusal) is not { } json)
        {
            return Malformed(context, loggers, jsonRefusal!);
        }

        var envelope = SlackEventEnvelope.Read(json);
        if (envelope.Refusal is { } refusal)
        {
            return Malformed(context, loggers, refusal);
        }

        if (context.Request.Headers["X-Slack-Retry-Num"] is { Count: > 0 } retry)
        {
            Log(loggers).LogRetry(LogText.Sanitize(retry.ToString()), LogText.Sanitize(context.Request.Headers["X-Slack-Retry-Reason"].ToString()));
        }

        if (envelope.Value is not { } value)
        {
            inbound.Ignored("event", envelope.Ignored!);
            return Results.Ok();
        }

        return Ack(await inbound.HandleEventAsync(value, context.RequestAborted).ConfigureAwait(false));
    }

    // A form whose fields each appear once: a repeated field would be read as "first,second".
    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues>? Form(byte[] body, out string? refusal)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        if (form.FirstOrDefault(field => field.Value.Count > 1) is { Key: { } repeated })
        {
            refusal = $"The form repeats the field \"{LogText.Sanitize(repeated)}\".";
            return null;
        }

        refusal = null;
        return form;
    }

    // A signed body of the wrong shape: Slack's (or a proxy's) bug, not an attack; said once, in the log and the answer.
    private static IResult Malformed(HttpContext context, ILoggerFactory loggers, string reason)
    {
        Log(loggers).LogMalformed(LogText.Sanitize(context.Request.Path), reason);
        return Results.Text(reason, statusCode: StatusCodes.Status400BadRequest);
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

        Log(loggers).LogRefused(LogText.Sanitize(request.Path), result);
        return ([], Results.Text($"Slack signature {result.ToString().ToLowerInvariant()}.", statusCode: StatusCodes.Status401Unauthorized));
    }

    private static IResult Ack(JsonObject? body) =>
        body is null ? Results.Ok() : Results.Text(body.ToJsonString(), "application/json; charset=utf-8");

    private static ILogger Log(ILoggerFactory loggers) => loggers.CreateLogger(typeof(SlackEndpoints).FullName!);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to {Path}: Slack signature {Result}")]
    private static partial void LogRefused(this ILogger logger, string path, SlackSignatureResult result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a signed Slack request to {Path}: {Reason}")]
    private static partial void LogMalformed(this ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack retry {RetryNum} of an event ({Reason})")]
    private static partial void LogRetry(this ILogger logger, string retryNum, string reason);
}
