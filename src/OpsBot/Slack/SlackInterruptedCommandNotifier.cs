using Microsoft.Extensions.Logging;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;

namespace OpsBot.Slack;

/// <summary>
/// Tells the requester of a slash command interrupted by a restart, privately, through the command's
/// <c>response_url</c> (valid 30 minutes, up to 5 posts: https://docs.slack.dev/interactivity/handling-user-interaction#message_responses).
/// </summary>
public sealed partial class SlackInterruptedCommandNotifier(SlackApiClient api, SlackReplyDelivery delivery, TimeProvider time, ILogger<SlackInterruptedCommandNotifier> logger)
    : IInterruptedCommandNotifier
{
    /// <summary>How long Slack accepts posts to a <c>response_url</c>, less a margin for the post itself.</summary>
    public static readonly TimeSpan ResponseUrlLifetime = TimeSpan.FromMinutes(29);

    private const int Attempts = 3;

    public ChatPlatform Platform => ChatPlatform.Slack;

    public async Task<bool> NotifyAsync(UnansweredCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (time.GetUtcNow() - command.ReceivedAt > ResponseUrlLifetime
            || !Uri.TryCreate(command.ReplyTo, UriKind.Absolute, out var responseUrl)
            || responseUrl.Scheme is not ("https" or "http"))
        {
            return false;
        }

        var text = command.InterruptedNotice;
        var notice = delivery.Payload(new ChatReply(new ChatMessage(text) { Blocks = [new SectionBlock(text)] }) { Ephemeral = true });
        // A 5xx may hide a notice that landed: a second private copy is better than none (as for delivery notices).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await api.RespondAsync(responseUrl, notice, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (SlackApiException error) when (attempt < Attempts)
            {
                LogRetried(error.Error, attempt);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack answered {Error} to an interrupted-command notice (attempt {Attempt}); trying again")]
    private partial void LogRetried(string error, int attempt);
}
