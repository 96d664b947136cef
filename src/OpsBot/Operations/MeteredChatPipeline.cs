using System.Diagnostics;
using OpsBot.Chat;
using OpsBot.Commands;
using OpsBot.Telemetry;

namespace OpsBot.Operations;

/// <summary>
/// Counts, times and traces every request: one span per command or button press (its Kubernetes requests are child
/// spans), and a logging scope carrying the request's correlation id, so every line logged while it runs names it.
/// The command label is a known command path (<c>k8s pods</c>), never raw user text, so label cardinality stays bounded.
/// </summary>
public sealed class MeteredChatPipeline(IChatPipeline inner, CommandCatalog catalog, OpsBotTelemetry telemetry, TimeProvider time, ILogger<MeteredChatPipeline> logger) : IChatPipeline
{
    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var command = CommandLabel(request);
        using var scope = logger.BeginScope(new CorrelationScope(request.CorrelationId, request.Platform.ToString()));
        using var activity = OpsBotTelemetry.Source.StartActivity(request.Button is null ? $"command {command}" : $"button {command}");
        activity?.SetTag("opsbot.command", command);
        activity?.SetTag("opsbot.platform", request.Platform.ToString());
        activity?.SetTag("opsbot.correlation_id", request.CorrelationId);
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
            activity?.SetTag("opsbot.outcome", outcome);
            if (outcome == "error")
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }

            telemetry.CommandCompleted(command, outcome, time.GetElapsedTime(started));
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
