using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Commands;

namespace OpsBot.Checks;

/// <summary><c>/digest now</c>: the daily digest, here and now.</summary>
public sealed class DigestNowHandler(DigestCollector collector) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["digest", "now"], "The daily health digest, now.", Permission.Read)
    {
        Scope = CommandScope.Cluster,
        Examples = ["/digest now"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ChatReply(DigestMessages.Render(await collector.CollectAsync(cancellationToken).ConfigureAwait(false)));
    }
}
