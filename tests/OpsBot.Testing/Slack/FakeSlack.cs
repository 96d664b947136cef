using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpsBot.Testing.Slack;

/// <summary>
/// A fake Slack on 127.0.0.1 (Kestrel, port chosen by the OS) that checks what Slack checks: the Web API
/// (<c>chat.postMessage</c>, <c>chat.postEphemeral</c>, <c>chat.update</c>, <c>users.info</c>,
/// <c>apps.connections.open</c>, <c>conversations.create</c>, <c>conversations.invite</c>, the external file upload) with bearer tokens, required arguments and Block Kit limits
/// (<c>invalid_blocks</c>), rate limits (429 + <c>Retry-After</c>), <c>response_url</c>s (5 uses), and a
/// Socket Mode WebSocket server that redelivers envelopes that were not acked.
/// </summary>
public sealed partial class FakeSlack : IAsyncDisposable
{
    public const string BotToken = "xoxb-1111-2222-fakebottoken";
    public const string AppToken = "xapp-1-A111-3333-fakeapptoken";

    private const int ResponseUrlUses = 5;
    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<FakeSlackMessage> _messages = new();
    private readonly ConcurrentQueue<FakeSlackCall> _calls = new();
    private readonly ConcurrentDictionary<string, ResponseUrlState> _responseUrls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _lastPostByChannel = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _nextTs;
    private int _rateLimitNext;
    private readonly ConcurrentDictionary<string, int> _failNext = new(StringComparer.Ordinal);

    private FakeSlack(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What <c>Slack:ApiBaseUrl</c> should be.</summary>
    public Uri ApiBaseUrl => new(BaseAddress, "api/");

    /// <summary>Users <c>users.info</c> knows: id → display name.</summary>
    public ConcurrentDictionary<string, string> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>Channels the bot is not in: posts there fail with <c>not_in_channel</c>.</summary>
    public ConcurrentDictionary<string, bool> ChannelsWithoutBot { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// When set, a post to a channel sooner than this after the previous one is refused with 429
    /// (Slack's per-channel limit of about one message per second).
    /// </summary>
    public TimeSpan? ChannelRateLimit { get; set; }

    /// <summary>The <c>Retry-After</c> the fake asks for.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Every message accepted, in arrival order.</summary>
    public IReadOnlyList<FakeSlackMessage> Messages => [.. _messages];

    /// <summary>Every HTTP call, accepted or refused.</summary>
    public IReadOnlyList<FakeSlackCall> Calls => [.. _calls];

    /// <summary>Now, on the clock <see cref="FakeSlackMessage.ReceivedAt"/> uses.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public static async Task<FakeSlack> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        var slack = new FakeSlack(app);
        app.UseWebSockets();
        app.Run(slack.ServeAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        slack.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return slack;
    }

    /// <summary>Answers the next call of <paramref name="method"/> with HTTP <paramref name="status"/> (a 5xx after Slack may or may not have acted).</summary>
    public void FailNext(string method, int status) => _failNext[method] = status;

    /// <summary>Answers the next <paramref name="count"/> <c>chat.postMessage</c> calls with 429.</summary>
    public void RateLimitNextPosts(int count) => Interlocked.Exchange(ref _rateLimitNext, count);

    /// <summary>
    /// Issues a <c>response_url</c> for a request in <paramref name="channel"/>; <paramref name="original"/> is the
    /// message it belongs to (a button's message) that <c>replace_original</c> / <c>delete_original</c> act on.
    /// </summary>
    public Uri NewResponseUrl(string channel, JsonObject? original = null)
    {
        var id = Guid.NewGuid().ToString("n");
        _responseUrls[id] = new ResponseUrlState(channel) { Original = original };
        return new Uri(BaseAddress, $"commands/T0001/{id}");
    }

    /// <summary>Sets what a <c>response_url</c>'s original is (a command's ack message, once the test has it).</summary>
    public void SetOriginal(Uri responseUrl, JsonObject? original)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        _responseUrls[responseUrl.Segments[^1]].Original = original;
    }

    /// <summary>The message a <c>response_url</c>'s original currently is (after replacements), or null when deleted.</summary>
    public JsonObject? OriginalOf(Uri responseUrl) =>
        _responseUrls.TryGetValue(responseUrl.Segments[^1], out var state) ? state.Original : throw new ArgumentException("Unknown response_url.", nameof(responseUrl));

    /// <summary>Waits for a message that matches; fails with what arrived instead.</summary>
    public async Task<FakeSlackMessage> WaitForMessageAsync(Func<FakeSlackMessage, bool> match, TimeSpan? timeout = null)
    {
        var deadline = _clock.Elapsed + (timeout ?? TimeSpan.FromSeconds(30));
        while (_clock.Elapsed < deadline)
        {
            if (_messages.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("No matching Slack message arrived. Received: " + string.Join(" | ", _messages.Select(m => $"{m.Method} {m.Channel} {m.Text}")));
    }

    /// <summary>The Block Kit payloads (<c>{text, blocks}</c>) the fake received, named for the vendor validator.</summary>
    public IReadOnlyDictionary<string, string> BlockKitPayloads() =>
        _messages.Where(message => message.Blocks is not null)
            .Select((message, i) => (Name: $"{i:000}-{message.Method}", Json: new JsonObject { ["text"] = message.Text ?? "", ["blocks"] = message.Blocks!.DeepClone() }.ToJsonString()))
            .ToDictionary(pair => pair.Name, pair => pair.Json);

    public async ValueTask DisposeAsync()
    {
        await CloseSocketsAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith("/socket/", StringComparison.Ordinal) && context.WebSockets.IsWebSocketRequest)
        {
            await ServeSocketAsync(context, path["/socket/".Length..]);
            return;
        }

        if (path.StartsWith("/commands/", StringComparison.Ordinal) && context.Request.Method == "POST")
        {
            await ServeResponseUrlAsync(context, path[(path.LastIndexOf('/') + 1)..]);
            return;
        }

        if (path.StartsWith("/upload/v1/", StringComparison.Ordinal) && context.Request.Method == "POST")
        {
            await ServeUploadAsync(context, path["/upload/v1/".Length..]);
            return;
        }

        if (path.StartsWith("/api/", StringComparison.Ordinal) && context.Request.Method == "POST")
        {
            await ServeApiAsync(context, path["/api/".Length..]);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    private async Task ServeApiAsync(HttpContext context, string method)
    {
        var received = _clock.Elapsed;
        var authorization = context.Request.Headers.Authorization.ToString();
        var contentType = context.Request.ContentType;
        var arguments = await ArgumentsAsync(context.Request);
        var expectedToken = method == "apps.connections.open" ? AppToken : BotToken;
        string? error = null;
        JsonObject answer = [];
        if (string.IsNullOrEmpty(authorization))
        {
            error = "not_authed";
        }
        else if (authorization != "Bearer " + expectedToken)
        {
            error = authorization == "Bearer " + BotToken || authorization == "Bearer " + AppToken ? "not_allowed_token_type" : "invalid_auth";
        }
        else if (_failNext.TryRemove(method, out var status))
        {
            // A 5xx after the work was done: the message is posted, the caller cannot know it.
            if (method == "chat.postMessage")
            {
                Post(method, arguments, received);
            }

            _calls.Enqueue(new FakeSlackCall(method, status, "http_" + status, authorization, contentType, received));
            context.Response.StatusCode = status;
            return;
        }
        else if (DrawFault(method) is { } fault)
        {
            if (fault.Status == StatusCodes.Status429TooManyRequests)
            {
                await RateLimitedAsync(context, method, authorization, contentType, received);
                return;
            }

            // A 5xx of the storm, after the work was done or before it.
            if (fault.Landed)
            {
                _ = method switch
                {
                    "chat.postMessage" or "chat.postEphemeral" => Post(method, arguments, received),
                    "chat.update" => Update(arguments, received),
                    _ => (null, []),
                };
            }

            _calls.Enqueue(new FakeSlackCall(method, fault.Status, "http_" + fault.Status, authorization, contentType, received));
            context.Response.StatusCode = fault.Status;
            return;
        }
        else if (method == "chat.postMessage" && Interlocked.Decrement(ref _rateLimitNext) >= 0)
        {
            await RateLimitedAsync(context, method, authorization, contentType, received);
            return;
        }
        else if (method is "chat.postMessage" or "chat.postEphemeral" && ChannelRateLimit is { } limit && (string?)arguments["channel"] is { } channel
            && _lastPostByChannel.TryGetValue(channel, out var last) && received - last < limit)
        {
            await RateLimitedAsync(context, method, authorization, contentType, received);
            return;
        }
        else
        {
            (error, answer) = method switch
            {
                "chat.postMessage" => Post(method, arguments, received),
                "chat.postEphemeral" => Post(method, arguments, received),
                "chat.update" => Update(arguments, received),
                "users.info" => UserInfo(arguments),
                "apps.connections.open" => OpenConnection(),
                "conversations.create" => CreateConversation(arguments),
                "conversations.invite" => InviteToConversation(arguments),
                "conversations.history" => History(arguments, replies: false),
                "conversations.replies" => History(arguments, replies: true),
                "files.getUploadURLExternal" => GetUploadUrl(arguments, contentType),
                "files.completeUploadExternal" => CompleteUpload(arguments),
                _ => ("unknown_method", []),
            };
        }

        _calls.Enqueue(new FakeSlackCall(method, 200, error, authorization, contentType, received));
        await HeldAsync(method, (string?)arguments["channel"], error);
        answer["ok"] = error is null;
        if (error is not null)
        {
            answer["error"] = error;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private async Task RateLimitedAsync(HttpContext context, string method, string authorization, string? contentType, TimeSpan received)
    {
        _calls.Enqueue(new FakeSlackCall(method, 429, "ratelimited", authorization, contentType, received));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync("{\"ok\":false,\"error\":\"ratelimited\"}");
    }

    // Slack reads JSON bodies only when sent as application/json; anything else is form-encoded arguments.
    private static async Task<JsonObject> ArgumentsAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                return JsonNode.Parse(body) as JsonObject ?? [];
            }
            catch (System.Text.Json.JsonException)
            {
                return new JsonObject { ["__invalid_json"] = true };
            }
        }

        var form = new JsonObject();
        foreach (var (key, value) in QueryHelpers.ParseQuery(body))
        {
            form[key] = value.ToString();
        }

        return form;
    }

    // https://docs.slack.dev/reference/methods/chat.postMessage (errors: channel_not_found, no_text, invalid_blocks, not_in_channel)
    private (string?, JsonObject) Post(string method, JsonObject arguments, TimeSpan received)
    {
        if (arguments["__invalid_json"] is not null)
        {
            return ("invalid_json", []);
        }

        if ((string?)arguments["channel"] is not { Length: > 0 } channel)
        {
            return ("channel_not_found", []);
        }

        if (ChannelsWithoutBot.ContainsKey(channel))
        {
            return ("not_in_channel", []);
        }

        if (method == "chat.postEphemeral" && (string?)arguments["user"] is not { Length: > 0 })
        {
            return ("user_not_found", []);
        }

        if (MessageProblem(arguments) is { } problem)
        {
            return (problem, []);
        }

        var ts = NextTs();
        _lastPostByChannel[channel] = received;
        _messages.Enqueue(new FakeSlackMessage
        {
            Method = method,
            Channel = channel,
            Ts = ts,
            ThreadTs = (string?)arguments["thread_ts"],
            User = (string?)arguments["user"],
            Text = (string?)arguments["text"],
            Blocks = arguments["blocks"] as JsonArray,
            ReceivedAt = received,
            Body = arguments,
        });
        return (null, method == "chat.postEphemeral" ? new JsonObject { ["message_ts"] = ts } : new JsonObject { ["channel"] = channel, ["ts"] = ts });
    }

    private (string?, JsonObject) Update(JsonObject arguments, TimeSpan received)
    {
        var channel = (string?)arguments["channel"];
        var ts = (string?)arguments["ts"];
        if (string.IsNullOrEmpty(channel) || string.IsNullOrEmpty(ts) || !_messages.Any(message => message.Channel == channel && message.Ts == ts))
        {
            return ("message_not_found", []);
        }

        if (MessageProblem(arguments) is { } problem)
        {
            return (problem, []);
        }

        _messages.Enqueue(new FakeSlackMessage
        {
            Method = "chat.update",
            Channel = channel,
            Ts = ts,
            Text = (string?)arguments["text"],
            Blocks = arguments["blocks"] as JsonArray,
            ReceivedAt = received,
            Body = arguments,
        });
        return (null, new JsonObject { ["channel"] = channel, ["ts"] = ts });
    }

    private (string?, JsonObject) UserInfo(JsonObject arguments) =>
        (string?)arguments["user"] is { } id && Users.TryGetValue(id, out var name)
            ? (null, new JsonObject { ["user"] = new JsonObject { ["id"] = id, ["name"] = name.ToLowerInvariant(), ["real_name"] = name, ["profile"] = new JsonObject { ["display_name"] = name } } })
            : ("user_not_found", []);

    private static string? MessageProblem(JsonObject arguments)
    {
        var hasText = arguments["text"] is JsonValue text && text.TryGetValue<string>(out var value) && value.Length > 0;
        if (!hasText && arguments["blocks"] is null)
        {
            return "no_text";
        }

        return FakeSlackBlockKit.Problem(arguments["blocks"]) is null ? null : "invalid_blocks";
    }

    // https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
    private async Task ServeResponseUrlAsync(HttpContext context, string id)
    {
        var received = _clock.Elapsed;
        var arguments = await ArgumentsAsync(context.Request);
        string? error = null;
        if (!_responseUrls.TryGetValue(id, out var state))
        {
            error = "no_such_url";
        }
        else if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            error = "invalid_payload";
        }
        else if (Interlocked.Increment(ref state.Uses) > ResponseUrlUses)
        {
            error = "used_url";
        }
        else if ((bool?)arguments["delete_original"] != true && MessageProblem(arguments) is { } problem)
        {
            error = problem;
        }

        var fault = error is null ? DrawFault("response_url") : null;
        if (fault is { Status: StatusCodes.Status429TooManyRequests })
        {
            Interlocked.Decrement(ref state!.Uses);
            await RateLimitedAsync(context, "response_url", context.Request.Headers.Authorization.ToString(), context.Request.ContentType, received);
            return;
        }

        if (fault is { Landed: false } lost)
        {
            Interlocked.Decrement(ref state!.Uses);
            _calls.Enqueue(new FakeSlackCall("response_url", lost.Status, "http_" + lost.Status, context.Request.Headers.Authorization.ToString(), context.Request.ContentType, received));
            context.Response.StatusCode = lost.Status;
            return;
        }

        _calls.Enqueue(new FakeSlackCall("response_url", error is null ? 200 : 404, error, context.Request.Headers.Authorization.ToString(), context.Request.ContentType, received));
        if (error is not null)
        {
            context.Response.StatusCode = error == "no_such_url" || error == "used_url" ? 404 : 400;
            await context.Response.WriteAsync(error);
            return;
        }

        var message = new FakeSlackMessage
        {
            Method = "response_url",
            Channel = state!.Channel,
            Text = (string?)arguments["text"],
            Blocks = arguments["blocks"] as JsonArray,
            ResponseType = (string?)arguments["response_type"] ?? "ephemeral",
            ReplaceOriginal = (bool?)arguments["replace_original"] == true,
            DeleteOriginal = (bool?)arguments["delete_original"] == true,
            ResponseUrl = id,
            ReceivedAt = received,
            Body = arguments,
        };
        lock (_lock)
        {
            if (message.DeleteOriginal)
            {
                state.Original = null;
            }
            else if (message.ReplaceOriginal || state.Original is null)
            {
                // A command's first response becomes the message later responses replace or delete.
                state.Original = arguments;
            }
        }

        _messages.Enqueue(message);
        if (fault is { } landed)
        {
            context.Response.StatusCode = landed.Status;
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync("{\"ok\":true}");
    }

    private string NextTs()
    {
        var n = Interlocked.Increment(ref _nextTs);
        return string.Create(CultureInfo.InvariantCulture, $"{1_900_000_000 + n}.{n % 1_000_000:000000}");
    }

    private sealed class ResponseUrlState(string channel)
    {
        public string Channel { get; } = channel;

        public JsonObject? Original { get; set; }

        public int Uses;
    }
}
