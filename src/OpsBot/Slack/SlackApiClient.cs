using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpsBot.Slack;

/// <summary>
/// Slack's Web API as OpsBot uses it: JSON POSTs with the bot token, <c>ok</c> checked on every answer
/// (<see cref="SlackApiException"/> carries Slack's <c>error</c>), 429 answered by waiting <c>Retry-After</c>,
/// posts paced per channel (<see cref="SlackChannelPacer"/>), and retries that never post twice
/// (the rule is in <c>SlackApiClient.Retries.cs</c> and docs/SLACK.md).
/// https://docs.slack.dev/apis/web-api/
/// </summary>
public sealed partial class SlackApiClient
{
    /// <summary>The named <see cref="HttpClient"/> Slack calls go through.</summary>
    public const string HttpClientName = "OpsBot.Slack";

    private static readonly MediaTypeHeaderValue JsonUtf8 = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    private readonly IHttpClientFactory _http;
    private readonly SlackOptions _options;
    private readonly Uri _baseUrl;
    private readonly SlackChannelPacer _pacer;
    private readonly TimeProvider _time;
    private readonly ILogger<SlackApiClient> _logger;

    public SlackApiClient(IHttpClientFactory http, IOptions<SlackOptions> options, SlackChannelPacer pacer, TimeProvider time, ILogger<SlackApiClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _baseUrl = new Uri(_options.ApiBaseUrl.EndsWith('/') ? _options.ApiBaseUrl : _options.ApiBaseUrl + "/");
        _pacer = pacer;
        _time = time;
        _logger = logger;
    }

    /// <summary><c>chat.postMessage</c>: posts <paramref name="message"/> (<c>{text, blocks}</c>), in a thread when <paramref name="threadTs"/> is set; returns the message's <c>ts</c>.</summary>
    // https://docs.slack.dev/reference/methods/chat.postMessage
    public async Task<string> PostMessageAsync(string channel, JsonObject message, string? threadTs = null, CancellationToken cancellationToken = default)
    {
        var body = Arguments(message, ("channel", channel), ("thread_ts", threadTs));
        var answer = await _pacer.RunAsync(channel, token => CallAsync("chat.postMessage", body, idempotent: false, token), cancellationToken).ConfigureAwait(false);
        return (string?)answer["ts"] ?? throw new SlackApiException("chat.postMessage", "missing_ts");
    }

    /// <summary><c>chat.postEphemeral</c>: shows <paramref name="message"/> to <paramref name="user"/> only.</summary>
    // https://docs.slack.dev/reference/methods/chat.postEphemeral
    public async Task PostEphemeralAsync(string channel, string user, JsonObject message, string? threadTs = null, CancellationToken cancellationToken = default)
    {
        var body = Arguments(message, ("channel", channel), ("user", user), ("thread_ts", threadTs));
        await _pacer.RunAsync(channel, token => CallAsync("chat.postEphemeral", body, idempotent: false, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>chat.update</c>: replaces the message <paramref name="ts"/> (idempotent, so any failure is retried).</summary>
    // https://docs.slack.dev/reference/methods/chat.update
    public async Task UpdateMessageAsync(string channel, string ts, JsonObject message, CancellationToken cancellationToken = default)
    {
        var body = Arguments(message, ("channel", channel), ("ts", ts));
        await CallAsync("chat.update", body, idempotent: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// POSTs to a command's or a button's <c>response_url</c> (<c>text</c>, <c>blocks</c>, <c>response_type</c>,
    /// <c>replace_original</c>, <c>delete_original</c>). No token: the URL itself is the credential.
    /// </summary>
    // https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
    public async Task RespondAsync(Uri responseUrl, JsonObject message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        var json = message.ToJsonString();
        var answer = await SendAsync("response_url", () => new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = Json(json) }, idempotent: false, cancellationToken).ConfigureAwait(false);
        if (answer.StartsWith('{'))
        {
            Checked("response_url", answer);
        }
    }

    /// <summary><c>users.info</c>: the user object (<c>profile.display_name</c>, <c>real_name</c>, <c>name</c>).</summary>
    // https://docs.slack.dev/reference/methods/users.info
    public async Task<JsonObject> GetUserAsync(string user, CancellationToken cancellationToken = default)
    {
        var answer = await CallFormAsync("users.info", _options.BotToken, [new("user", user)], cancellationToken).ConfigureAwait(false);
        return answer["user"] as JsonObject ?? throw new SlackApiException("users.info", "missing_user");
    }

    /// <summary><c>apps.connections.open</c> with the app-level token: a fresh Socket Mode WebSocket URL.</summary>
    // https://docs.slack.dev/reference/methods/apps.connections.open
    public async Task<Uri> OpenSocketModeConnectionAsync(CancellationToken cancellationToken = default)
    {
        var answer = await CallFormAsync("apps.connections.open", _options.AppToken, [], cancellationToken).ConfigureAwait(false);
        return Uri.TryCreate((string?)answer["url"], UriKind.Absolute, out var url) && (url.Scheme == "wss" || url.Scheme == "ws")
            ? url
            : throw new SlackApiException("apps.connections.open", "invalid_url");
    }

    /// <summary>Calls a JSON Web API method with the bot token and returns Slack's answer (<c>ok</c> already checked).</summary>
    public async Task<JsonObject> CallAsync(string method, JsonObject arguments, bool idempotent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var json = arguments.ToJsonString();
        var response = await SendAsync(method, () => Authorized(method, _options.BotToken, Json(json)), idempotent, cancellationToken).ConfigureAwait(false);
        return Checked(method, response);
    }

    // Read methods and apps.connections.open take form arguments (not every method accepts JSON bodies).
    private async Task<JsonObject> CallFormAsync(string method, string? token, KeyValuePair<string, string>[] arguments, CancellationToken cancellationToken)
    {
        var response = await SendAsync(method, () => Authorized(method, token, new FormUrlEncodedContent(arguments)), idempotent: true, cancellationToken).ConfigureAwait(false);
        return Checked(method, response);
    }

    private HttpRequestMessage Authorized(string method, string? token, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUrl, method)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static StringContent Json(string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = JsonUtf8;
        return content;
    }

    private static JsonObject Arguments(JsonObject message, params (string Name, string? Value)[] arguments)
    {
        var body = (JsonObject)message.DeepClone();
        foreach (var (name, value) in arguments)
        {
            if (value is not null)
            {
                body[name] = value;
            }
        }

        return body;
    }

    private static JsonObject Checked(string method, string response)
    {
        JsonObject? answer;
        try
        {
            answer = JsonNode.Parse(response) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            answer = null;
        }

        if (answer is null)
        {
            throw new SlackApiException(method, "invalid_response");
        }

        return (bool?)answer["ok"] == true ? answer : throw new SlackApiException(method, (string?)answer["error"] ?? "unknown_error");
    }
}
