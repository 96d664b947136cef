using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Commands;
using OpsBot.ClusterObjects;

namespace OpsBot.Checks;

/// <summary>
/// <c>/checks mute NAME [TARGET] DURATION "REASON"</c>: a maintenance window. The check's alerts (all, or those about the
/// namespace or <c>namespace/name</c> TARGET) are recorded but not posted until it ends (at most 30 days).
/// </summary>
public sealed class ChecksMuteHandler(CheckCatalog catalog, ICheckStore store, TimeProvider time) : ICommandHandler
{
    public static readonly TimeSpan MaxMute = TimeSpan.FromDays(30);

    public CommandDefinition Definition { get; } = new(["checks", "mute"], "Hold a check's alerts (all, or one namespace or object) for a while, with a reason.", Permission.Act)
    {
        Scope = CommandScope.Cluster,
        Arguments =
        [
            new("NAME", ValueKind.Text, "The check: cert-expiry.") { Required = true },
            new("TARGET|DURATION", ValueKind.Text, "A namespace or namespace/name to mute (optional), else the duration.") { Required = true },
            new("DURATION|REASON", ValueKind.Text, "The duration (2h, 1d; at most 30d), else the reason."),
            new("REASON", ValueKind.Text, "Why, in quotes: \"renewal in progress\"."),
        ],
        Examples = ["/checks mute cert-expiry 2h \"issuer maintenance\"", "/checks mute cert-expiry ecommerce-staging/shop-tls 7d \"replaced next week\""],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var check = catalog.Find(context.Command.GetString("NAME"));
        var (target, durationText, reason) = context.Command.GetString("REASON") is { } last
            ? (context.Command.GetString("TARGET|DURATION"), context.Command.GetString("DURATION|REASON"), last)
            : ((string?)null, context.Command.GetString("TARGET|DURATION"), context.Command.GetString("DURATION|REASON"));
        if (reason is null)
        {
            throw new CommandFailedException($"A mute needs a duration and a reason: /checks mute {check.Name} [TARGET] DURATION \"REASON\" (e.g. 2h \"issuer maintenance\"); nothing was changed");
        }

        if (!DurationSyntax.TryParse(durationText, out var duration, out var problem))
        {
            throw new CommandFailedException($"\"{durationText}\" is not a duration ({problem}): give e.g. 30m, 2h or 7d, at most 30d; nothing was changed");
        }

        if (duration <= TimeSpan.Zero || duration > MaxMute)
        {
            throw new CommandFailedException($"A mute lasts at most 30 days, not {DurationSyntax.Format(duration)}; nothing was changed");
        }

        if (target is not null && MuteTargets.Validate(target) is { } invalid)
        {
            throw new CommandFailedException(invalid + "; nothing was changed");
        }

        var now = time.GetUtcNow();
        var by = $"{context.Request.Platform.ToString().ToLowerInvariant()}:{context.Request.UserId}";
        var mute = new CheckMute(check.Name, target, now + duration, reason.Trim(), by, now);
        await store.AddMuteAsync(mute, cancellationToken).ConfigureAwait(false);
        var headline = $"Muted {check.Name}{(target is null ? string.Empty : " for " + target)} until {ChecksListHandler.Format(mute.Until)} ({DurationSyntax.Format(duration)}): {mute.Reason}";
        return new ChatReply(new ChatMessage(headline)
        {
            Blocks =
            [
                new SectionBlock(RichText.Plain(headline)),
                new ContextBlock([RichText.Plain($"Alerts in this window are recorded, not posted, and listed in the digest. /checks unmute {check.Name}{(target is null ? string.Empty : " " + target)} ends it.")]),
            ],
        });
    }
}
