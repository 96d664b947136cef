using System.Net;
using Microsoft.Extensions.Logging;

namespace OpsBot.Slack;

public sealed partial class SlackApiClient
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Sends one call, retrying only what cannot post a message twice:
    /// <list type="bullet">
    /// <item>HTTP 429: Slack refused the call without acting on it; wait <c>Retry-After</c> (≤ <see cref="SlackOptions.MaxRetryAfter"/>) and send again.</item>
    /// <item>A connection that could not be established (refused, DNS, TLS handshake): the request never left.</item>
    /// <item>Idempotent calls only (<c>chat.update</c>, <c>users.info</c>, <c>apps.connections.open</c>): also 5xx,
    /// a dropped connection and a timeout, after which the request may or may not have landed.</item>
    /// </list>
    /// A post that may have landed (5xx, reset, timeout after sending) fails instead of being sent again.
    /// </summary>
    private async Task<string> SendAsync(string method, Func<HttpRequestMessage> request, bool idempotent, CancellationToken cancellationToken)
    {
        var client = _http.CreateClient(HttpClientName);
        for (var attempt = 0; ; attempt++)
        {
            var retriesLeft = attempt < _options.MaxRetries;
            HttpResponseMessage response;
            try
            {
                using var message = request();
                response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException error) when (retriesLeft && (NeverSent(error) || idempotent))
            {
                LogRetry(method, attempt + 1, error.HttpRequestError.ToString());
                await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (TaskCanceledException error) when (!cancellationToken.IsCancellationRequested && retriesLeft && idempotent)
            {
                LogRetry(method, attempt + 1, error.GetType().Name);
                continue;
            }
            catch (HttpRequestException error)
            {
                throw new SlackApiException(method, NeverSent(error) ? "connection_failed" : "connection_lost", error);
            }
            catch (TaskCanceledException error) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SlackApiException(method, "timeout", error);
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    // https://docs.slack.dev/apis/web-api/rate-limits
                    var wait = response.Headers.RetryAfter?.Delta ?? DefaultRetryAfter;
                    if (!retriesLeft || wait > _options.MaxRetryAfter)
                    {
                        throw new SlackApiException(method, "ratelimited");
                    }

                    LogRateLimited(method, wait.TotalSeconds);
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if ((int)response.StatusCode >= 500 && retriesLeft && idempotent)
                {
                    LogRetry(method, attempt + 1, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    // response_url answers errors as text ("expired_url", "invalid_blocks") with a 4xx status.
                    var detail = body.Length is > 0 and <= 64 && body.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? body : $"http_{(int)response.StatusCode}";
                    throw new SlackApiException(method, detail);
                }

                return body;
            }
        }
    }

    // The connection was never established, so the request was never sent.
    private static bool NeverSent(HttpRequestException error) =>
        error.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;

    // 0.5 s, 1 s, 2 s, … capped at 10 s, with up to 25 % jitter.
    private static TimeSpan Backoff(int attempt) => SlackBackoff.Delay(attempt, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} is rate limited; retrying after {Seconds} s")]
    private partial void LogRateLimited(string method, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} did not go through ({Reason}); retry {Attempt}")]
    private partial void LogRetry(string method, int attempt, string reason);
}
