using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using OpsBot.Chat;

namespace OpsBot.Web;

/// <summary>
/// The web console: its page and the JSON API that serves the same commands and buttons as Slack
/// and Teams (shapes in DESIGN.md, "Console API").
/// </summary>
public static partial class ConsoleEndpoints
{
    private const int MaxTextLength = 4000;

    public static IEndpointRouteBuilder MapConsoleEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/console").AddEndpointFilter<ConsoleTokenFilter>();
        api.MapPost("/commands", HandleCommandAsync);
        api.MapPost("/actions", HandleActionAsync);
        app.MapGet("/", () => ConsoleAssets.Serve("console.html"));
        app.MapGet("/console.js", () => ConsoleAssets.Serve("console.js"));
        app.MapGet("/console.css", () => ConsoleAssets.Serve("console.css"));
        return app;
    }

    private static async Task<IResult> HandleCommandAsync(ConsoleCommandRequest body, [FromServices] IChatPipeline pipeline, CancellationToken cancellationToken)
    {
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

        var reply = await pipeline.HandleAsync(Request(body.User, body.Channel) with { Text = body.Text }, cancellationToken).ConfigureAwait(false);
        return Results.Json(ConsoleReply.From(reply));
    }

    private static async Task<IResult> HandleActionAsync(ConsoleActionRequest body, [FromServices] IChatPipeline pipeline, CancellationToken cancellationToken)
    {
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

        var reply = await pipeline.HandleAsync(Request(body.User, body.Channel) with { Button = new ButtonPress(body.ActionId, body.Value) }, cancellationToken).ConfigureAwait(false);
        return Results.Json(ConsoleReply.From(reply));
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

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex NamePattern();
}
