using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpsBot.Telemetry;

namespace OpsBot.Teams;

/// <summary>
/// The Bot Connector REST API, relative to a conversation reference's service URL: send, reply,
/// update and create a conversation. Only what cannot post a message twice is sent again, up to
/// <see cref="MaxAttempts"/> times: a 429 (refused before acting) after its <c>Retry-After</c>, a connection
/// that was never established, and an update (a PUT of an existing activity id, idempotent) also after a 5xx,
/// a dropped connection or a timeout. A POST of a new activity that may have landed (5xx, dropped connection,
/// timeout) is not sent again — a duplicate would be in front of everyone — but fails with
/// <see cref="BotConnectorException.MayHaveLanded"/> so that the caller can report it, as Slack's delivery does.
/// A 401 fetches a fresh token once. Failures are logged with the correlation id.
/// https://learn.microsoft.com/en-us/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference
/// </summary>
public sealed partial class BotConnectorClient(
    IHttpClientFactory http,
    BotConnectorTokenProvider tokens,
    TimeProvider time,
    ILogger<BotConnectorClient> logger,
    OpsBotTelemetry telemetry)
{
    public const int MaxAttempts = 4;

    /// <summary>A longer Retry-After is cut to this: a chat reply that late is no longer useful.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>Posts a new message to a conversation; returns the new activity id.</summary>
    public async Task<string?> SendAsync(ConversationReference reference, string conversationId, BotActivity activity, string correlationId, CancellationToken cancellationToken = default)
    {
        var answer = await CallAsync("send", HttpMethod.Post, idempotent: false, reference, $"v3/conversations/{Escape(conversationId)}/activities",
            Outbound(reference, conversationId, activity, replyToId: null), conversationId, correlationId, cancellationToken).ConfigureAwait(false);
        return TeamsActivities.StringAt(answer, "id");
    }

    /// <summary>Posts a reply to <paramref name="replyToId"/> (in a channel: into its thread); returns the new activity id.</summary>
    public async Task<string?> ReplyAsync(ConversationReference reference, string conversationId, string replyToId, BotActivity activity, string correlationId, CancellationToken cancellationToken = default)
    {
        var answer = await CallAsync("reply", HttpMethod.Post, idempotent: false, reference, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}",
            Outbound(reference, conversationId, activity, replyToId), conversationId, correlationId, cancellationToken).ConfigureAwait(false);
        return TeamsActivities.StringAt(answer, "id");
    }

    /// <summary>Replaces the content of a message the bot posted.</summary>
    public Task UpdateAsync(ConversationReference reference, string conversationId, string activityId, BotActivity activity, string correlationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return CallAsync("update", HttpMethod.Put, idempotent: true, reference, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}",
            Outbound(reference, conversationId, activity with { Id = activityId }, replyToId: null), conversationId, correlationId, cancellationToken);
    }

    /// <summary>Starts a new thread in a channel with <paramref name="activity"/>; returns the new conversation and activity ids.</summary>
    public async Task<(string ConversationId, string? ActivityId)> CreateConversationAsync(ConversationReference reference, BotActivity activity, string correlationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        // https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages#create-the-conversation
        var body = new JsonObject
        {
            ["isGroup"] = true,
            ["bot"] = new JsonObject { ["id"] = reference.BotId, ["name"] = reference.BotName },
            ["tenantId"] = reference.TenantId,
            ["channelData"] = new JsonObject
            {
                ["channel"] = new JsonObject { ["id"] = reference.ConversationId },
                ["tenant"] = new JsonObject { ["id"] = reference.TenantId },
            },
            ["activity"] = JsonSerializer.SerializeToNode(activity with { Type = TeamsActivities.Message }, TeamsJsonContext.Default.BotActivity),
        };
        var answer = await CallAsync("create conversation", HttpMethod.Post, idempotent: false, reference, "v3/conversations", body, reference.ConversationId, correlationId, cancellationToken).ConfigureAwait(false);
        var conversationId = TeamsActivities.StringAt(answer, "id")
            ?? throw new BotConnectorException($"The Bot Connector created a conversation in {reference.ConversationId} but returned no id (correlation {correlationId}).", 200);
        return (conversationId, TeamsActivities.StringAt(answer, "activityId"));
    }

    private static JsonNode Outbound(ConversationReference reference, string conversationId, BotActivity activity, string? replyToId)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(activity);
        var outbound = activity with
        {
            Type = activity.Type ?? TeamsActivities.Message,
            From = new ChannelAccount(reference.BotId, reference.BotName),
            Conversation = new ConversationAccount(conversationId),
            ReplyToId = replyToId ?? activity.ReplyToId,
        };
        return JsonSerializer.SerializeToNode(outbound, TeamsJsonContext.Default.BotActivity)!;
    }

    // Conversation ids hold ':', '@' and ';': escape them as one path segment.
    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private async Task<JsonObject?> CallAsync(string operation, HttpMethod method, bool idempotent, ConversationReference reference, string path, JsonNode body, string conversationId, string correlationId, CancellationToken cancellationToken)
    {
        var serviceUrl = ServiceUrls.AsBase(reference.ServiceUrl);
        if (!ServiceUrls.IsSecureOrLoopback(serviceUrl))
        {
            throw new BotConnectorException($"Refusing to send the bot's token to {serviceUrl}: not an https service URL.", 0);
        }

        var uri = new Uri(serviceUrl, path);
        var json = body.ToJsonString();
        var client = http.CreateClient(TeamsServiceCollectionExtensions.HttpClientName);
        var renewedToken = false;
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, uri) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is HttpRequestException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var neverSent = error is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError };
                if (attempt < MaxAttempts && (neverSent || idempotent))
                {
                    var pause = Backoff(attempt);
                    LogRetrying(operation, conversationId, 0, pause.TotalSeconds, attempt, correlationId);
                    telemetry.ChatRetry("teams", operation, "connection");
                    await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var mayHaveLanded = !neverSent && !idempotent;
                LogFailed(error, operation, conversationId, 0, mayHaveLanded ? "no answer, may have landed" : "no answer", correlationId);
                telemetry.ChatDelivery("teams", operation, mayHaveLanded ? "uncertain" : "no_answer");
                throw new BotConnectorException($"The Bot Connector did not answer the {operation} (correlation {correlationId}).", 0, error) { MayHaveLanded = mayHaveLanded };
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    telemetry.ChatDelivery("teams", operation, "ok");
                    return Parse(text);
                }

                var status = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.Unauthorized && !renewedToken)
                {
                    renewedToken = true;
                    tokens.Invalidate();
                    continue;
                }

                // A 429 refused the call before acting on it; a 5xx may come after the write landed: only an update is sent again.
                if ((response.StatusCode == HttpStatusCode.TooManyRequests || (status >= 500 && idempotent)) && attempt < MaxAttempts)
                {
                    var pause = RetryAfter(response) ?? Backoff(attempt);
                    LogRetrying(operation, conversationId, status, pause.TotalSeconds, attempt, correlationId);
                    telemetry.ChatRetry("teams", operation, status == 429 ? "429" : "5xx");
                    await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var code = TeamsActivities.StringAt(Parse(text), "error", "code") ?? response.ReasonPhrase ?? "error";
                var mayHaveLanded = status >= 500 && !idempotent;
                LogFailed(null, operation, conversationId, status, mayHaveLanded ? code + ", may have landed" : code, correlationId);
                telemetry.ChatDelivery("teams", operation, mayHaveLanded ? "uncertain" : $"http_{OpsBotTelemetry.Code(status)}");
                throw new BotConnectorException($"The Bot Connector answered the {operation} with HTTP {status} {code} (correlation {correlationId}).", status) { MayHaveLanded = mayHaveLanded };
            }
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return delay is null ? null : TimeSpan.FromTicks(Math.Clamp(delay.Value.Ticks, 0, MaxRetryDelay.Ticks));
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));

    private static JsonObject? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams connector {Operation} in {Conversation} answered {Status}; retrying in {Seconds:0.#} s (attempt {Attempt}, correlation {CorrelationId})")]
    private partial void LogRetrying(string operation, string conversation, int status, double seconds, int attempt, string correlationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams connector {Operation} in {Conversation} failed: HTTP {Status} {Code} (correlation {CorrelationId})")]
    private partial void LogFailed(Exception? error, string operation, string conversation, int status, string code, string correlationId);
}
