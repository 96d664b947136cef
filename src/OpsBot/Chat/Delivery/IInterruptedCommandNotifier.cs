namespace OpsBot.Chat.Delivery;

/// <summary>One platform's way of telling a requester that their command was interrupted by a restart.</summary>
public interface IInterruptedCommandNotifier
{
    ChatPlatform Platform { get; }

    /// <summary>Tells the requester; <see langword="false"/> when that is no longer possible (e.g. Slack's <c>response_url</c> expired).</summary>
    Task<bool> NotifyAsync(UnansweredCommand command, CancellationToken cancellationToken = default);
}
