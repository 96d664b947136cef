using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Kubernetes;

namespace OpsBot.Commands.K8s;

/// <summary>The answer when <c>metrics.k8s.io</c> is missing or failing.</summary>
public static class MetricsUnavailable
{
    public static bool IsMetricsFailure(Exception error) =>
        error is HttpRequestException || (error.IsApiError() && !error.IsForbidden() && !error.IsUnauthorized());

    public static ChatReply Reply(CommandContext context, Exception error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        var text = $"Metrics are not available in cluster {context.ClusterName}: the metrics API (metrics.k8s.io) did not answer ({(error.IsApiError() ? error.MessageOf() : error.Message)}). Is metrics-server installed and running?";
        return new ChatReply(new ChatMessage(text) { Blocks = [new SectionBlock(text), K8sReplies.Context(context)] });
    }
}
