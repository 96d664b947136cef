using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Commands;

namespace OpsBot.Checks;

/// <summary><c>/checks unmute NAME [TARGET]</c>: ends the mutes of a check (for that target, or the whole-check ones).</summary>
public sealed class ChecksUnmuteHandler(CheckCatalog catalog, ICheckStore store) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["checks", "unmute"], "End a check's mute (for a target, or the whole-check mute).", Permission.Act)
    {
        Scope = CommandScope.Cluster,
        Arguments =
        [
            new("NAME", ValueKind.Text, "The check: cert-expiry.") { Required = true },
            new("TARGET", ValueKind.Text, "The namespace or namespace/name the mute named, if it named one."),
        ],
        Examples = ["/checks unmute cert-expiry", "/checks unmute cert-expiry ecommerce-staging/shop-tls"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var check = catalog.Find(context.Command.GetString("NAME"));
        var target = context.Command.GetString("TARGET");
        if (target is not null && MuteTargets.Validate(target) is { } invalid)
        {
            throw new CommandFailedException(invalid + "; nothing was changed");
        }

        var ended = await store.RemoveMutesAsync(check.Name, target, cancellationToken).ConfigureAwait(false);
        var what = check.Name + (target is null ? string.Empty : " for " + target);
        if (ended == 0)
        {
            throw new CommandFailedException($"Nothing to unmute: {what} is not muted (see /checks list)");
        }

        var headline = $"Unmuted {what}: its alerts are posted again.";
        return new ChatReply(new ChatMessage(headline) { Blocks = [new SectionBlock(RichText.Plain(headline))] });
    }
}
