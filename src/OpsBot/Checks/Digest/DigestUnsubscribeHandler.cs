using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Commands;

namespace OpsBot.Checks;

/// <summary><c>/digest unsubscribe</c>: this channel no longer receives the daily digest.</summary>
public sealed class DigestUnsubscribeHandler(ICheckStore store) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["digest", "unsubscribe"], "This channel stops receiving the daily health digest.", Permission.Act)
    {
        Scope = CommandScope.Cluster,
        Examples = ["/digest unsubscribe"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = new DigestSubscription(context.Request.Platform, context.Request.ChannelId, string.Empty, default).Key;
        if (!await store.RemoveDigestSubscriptionAsync(key, cancellationToken).ConfigureAwait(false))
        {
            throw new CommandFailedException("This channel does not receive the daily digest; nothing was changed");
        }

        const string text = "This channel no longer receives the daily digest.";
        return new ChatReply(new ChatMessage(text) { Blocks = [new SectionBlock(RichText.Plain(text))] });
    }
}
