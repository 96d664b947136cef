using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Commands;
using OpsBot.Simulation;

namespace OpsBot.Console;

/// <summary>
/// The web console: its page and the JSON API that serves the same commands and buttons as Slack
/// and Teams (shapes in DESIGN.md, "Console API"), the channels' feeds, and the drill picker's list.
/// </summary>
public static partial class ConsoleEndpoints
{
    private const int MaxTextLength = 4000;

    public static IEndpointRouteBuilder MapConsoleEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/console").AddEndpointFilter<ConsoleTokenFilter>();
        api.MapPost("/commands", HandleCommandAsync);
        api.MapPost("/actions", HandleActionAsync);
        api.MapGet("/channels/{channel}/messages", ReadFeed);
        api.MapGet("/drills", ListDrills);
        app.MapGet("/", () => ConsoleAssets.Serve("console.html"));
        app.MapGet("/console.js", () => ConsoleAssets.Serve("console.js"));
        app.MapGet("/console.css", () => ConsoleAssets.Serve("console.css"));
        return app;
    }

    private static async Task<IResult> HandleCommandAsync(
        HttpContext context,
        [FromServices] IChatPipeline pipeline,
        [FromServices] ConsoleFeed feed,
        [FromServices] IChatNotifier notifier,
        [FromServices] ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var read = await ConsoleRequests.ReadCommandAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (read.Value is not { } body)
        {
            return Refuse(loggers, context, read.Refusal!);
        }

        if (string.IsNullOrWhiteSpace(body.Text))
        {
            return ConsoleReply.BadRequest("\"text\" is required: the command to run, e.g. \"/k8s pods\".");
        }

        if (body.Text.Length > MaxTextLength)
        {
            return ConsoleReply.BadRequest($"\"text\" is {body.Text.Length} characters long; the limit is {MaxTextLength}.");
        }

        if (Identity(body.User, body.Channel) is { } error)
        {
            return ConsoleReply.BadRequest(error);
        }

        var request = Request(body.User, body.Channel) with { Text = body.Text };
        var reply = await pipeline.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        return await DeliverAsync(reply, request, body.Text, replaceMessageId: null, feed, notifier, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> HandleActionAsync(
        HttpContext context,
        [FromServices] IChatPipeline pipeline,
        [FromServices] ConsoleFeed feed,
        [FromServices] IChatNotifier notifier,
        [FromServices] ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var read = await ConsoleRequests.ReadActionAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (read.Value is not { } body)
        {
            return Refuse(loggers, context, read.Refusal!);
        }

        if (string.IsNullOrWhiteSpace(body.ActionId) || body.Value is null)
        {
            return ConsoleReply.BadRequest("\"actionId\" and \"value\" are required: take them from a button of a returned message.");
        }

        if (body.ActionId.Length > 255 || body.Value.Length > 2000)
        {
            return ConsoleReply.BadRequest("\"actionId\" or \"value\" is longer than a button can carry.");
        }

        if (Identity(body.User, body.Channel) is { } error)
        {
            return ConsoleReply.BadRequest(error);
        }

        if (body.MessageId is not null && !NamePattern().IsMatch(body.MessageId))
        {
            return ConsoleReply.BadRequest("\"messageId\" must be the id of a message of the channel's feed (e.g. \"m42.3fa9c1\"), or left out.");
        }

        var request = Request(body.User, body.Channel) with { Button = new ButtonPress(body.ActionId, body.Value, body.MessageId) };
        var reply = await pipeline.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        var pressed = body.ActionId == RunCommandButton.ActionId ? body.Value : $"[button {body.ActionId}]";
        return await DeliverAsync(reply, request, pressed, body.MessageId, feed, notifier, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A reply others should see goes into the channel's feed (replacing the button's message when it says so), and a
    /// reply about a subject is linked to it so later updates reach this copy too. Ephemeral replies go to the requester only.
    /// </summary>
    private static async Task<IResult> DeliverAsync(ChatReply reply, ChatRequest request, string command, string? replaceMessageId, ConsoleFeed feed, IChatNotifier notifier, CancellationToken cancellationToken)
    {
        if (reply.Ephemeral)
        {
            return Results.Json(ConsoleReply.From(reply));
        }

        var replaced = reply.ReplaceOriginal && replaceMessageId is not null ? feed.Replace(request.ChannelId, replaceMessageId, reply.Message) : null;
        var entry = replaced ?? feed.Post(request.ChannelId, reply.Message, request.UserId, command);
        if (reply.Subject is { Length: > 0 } subject)
        {
            await notifier.LinkAsync(subject, new PostedMessage(ChatPlatform.Console, request.ChannelId, entry.Id), cancellationToken).ConfigureAwait(false);
        }

        return Results.Json(ConsoleReply.From(reply, entry, replaced is not null));
    }

    // A body of the wrong shape (not JSON, repeated or mistyped fields): 400 with the reason, logged once.
    private static IResult Refuse(ILoggerFactory loggers, HttpContext context, string reason)
    {
        LogRefused(loggers.CreateLogger(typeof(ConsoleEndpoints).FullName!), LogText.Sanitize(context.Request.Path), reason);
        return ConsoleReply.BadRequest(reason);
    }

    private static IResult ReadFeed(string channel, string? after, [FromServices] ConsoleFeed feed)
    {
        if (!NamePattern().IsMatch(channel))
        {
            return ConsoleReply.BadRequest("The channel must be 1-64 letters, digits, '.', '_', '-' or '@'.");
        }

        long sequence = 0;
        if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out sequence) || after.Length > 18))
        {
            return ConsoleReply.BadRequest("\"after\" must be a sequence number from a previous answer (0 or more).");
        }

        var page = feed.Read(channel, sequence);
        return Results.Json(new JsonObject
        {
            ["channel"] = page.Channel,
            ["latest"] = page.Latest,
            ["reset"] = page.Reset,
            ["messages"] = new JsonArray([.. page.Messages.Select(entry => (JsonNode)ConsoleReply.Entry(entry))]),
        });
    }

    // The scenario picker: which scenarios exist and which runs. Starting one goes through /drill start (authorized, audited).
    private static IResult ListDrills([FromServices] DrillDirector? director)
    {
        var status = director?.Status();
        return Results.Json(new JsonObject
        {
            ["available"] = status is not null,
            ["running"] = status?.Scenario,
            ["title"] = status?.Title,
            ["now"] = status?.Now.ToString("O", CultureInfo.InvariantCulture),
            ["scenarios"] = status is null ? new JsonArray() : new JsonArray([.. DrillDirector.Scenarios.Select(scenario => (JsonNode)new JsonObject { ["name"] = scenario.Name, ["title"] = scenario.Title })]),
        });
    }

    private static ChatRequest Request(string? user, string? channel) => new()
    {
        Platform = ChatPlatform.Console,
        UserId = user!,
        UserName = user,
        ChannelId = channel ?? "console",
        ChannelName = channel ?? "console",
    };

    // Console user and channel names end up in audit entries and replies: keep them plain.
    private static string? Identity(string? user, string? channel)
    {
        if (string.IsNullOrWhiteSpace(user) || !NamePattern().IsMatch(user))
        {
            return "\"user\" is required: 1-64 letters, digits, '.', '_', '-' or '@'.";
        }

        return channel is not null && !NamePattern().IsMatch(channel)
            ? "\"channel\" must be 1-64 letters, digits, '.', '_', '-' or '@'."
            : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a console request to {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string path, string reason);

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex NamePattern();
}
