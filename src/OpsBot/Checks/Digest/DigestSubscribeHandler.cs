using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Commands;

namespace OpsBot.Checks;

/// <summary><c>/digest subscribe</c>: this channel receives the daily digest.</summary>
public sealed class DigestSubscribeHandler(ICheckStore store, TimeProvider time, Microsoft.Extensions.Options.IOptions<ChecksOptions> options) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["digest", "subscribe"], "This channel receives the daily health digest.", Permission.Act)
    {
        Scope = CommandScope.Cluster,
        Examples = ["/digest subscribe"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var by = $"{context.Request.Platform.ToString().ToLowerInvariant()}:{context.Request.UserId}";
        var subscription = new DigestSubscription(context.Request.Platform, context.Request.ChannelId, by, time.GetUtcNow());
        var added = await store.AddDigestSubscriptionAsync(subscription, cancellationToken).ConfigureAwait(false);
        var when = options.Value.Digest.Enabled ? $"{options.Value.Digest.Cron} ({options.Value.TimeZone})" : "never on a schedule (Checks:Digest:Enabled is false)";
        var text = added
            ? $"This channel will receive the daily digest: {when}. /digest now shows it now; /digest unsubscribe stops it."
            : $"This channel already receives the daily digest ({when}); nothing was changed.";
        return new ChatReply(new ChatMessage(text) { Blocks = [new SectionBlock(RichText.Plain(text))] });
    }
}
