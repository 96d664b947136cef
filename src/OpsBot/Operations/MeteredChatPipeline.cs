using OpsBot.Chat;
using OpsBot.Commands;

namespace OpsBot.Operations;

/// <summary>
/// Counts and times every request for <c>/metrics</c>. The command label is a known command path
/// (<c>k8s pods</c>), never raw user text, so label cardinality stays bounded.
/// </summary>
public sealed class MeteredChatPipeline(IChatPipeline inner, CommandCatalog catalog, OpsBotMetrics metrics, TimeProvider time) : IChatPipeline
{
    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var outcome = "error";
        try
        {
            var reply = await inner.HandleAsync(request, cancellationToken).ConfigureAwait(false);
            // Errors, refusals and help are private replies; results go to the channel.
            outcome = reply.Ephemeral ? "rejected" : "ok";
            return reply;
        }
        finally
        {
            metrics.CommandCompleted(CommandLabel(request), outcome, time.GetElapsedTime(started));
        }
    }

    private string CommandLabel(ChatRequest request)
    {
        if (request.Button is not null)
        {
            return "button";
        }

        var words = (request.Text ?? "").TrimStart('/').Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        var node = words.Length > 0 ? catalog.FindRoot(words[0].ToLowerInvariant()) : null;
        if (node is null)
        {
            return "unknown";
        }

        var child = words.Length > 1 ? node.Find(words[1].ToLowerInvariant()) : null;
        return child is null ? node.Name : $"{node.Name} {child.Name}";
    }
}
