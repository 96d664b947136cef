using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;
using k8s;
using k8s.Models;

namespace OpsBot.Commands.K8s;

/// <summary><c>/k8s rollout history deploy/NAME</c>: revisions (newest first) with change causes and images.</summary>
public sealed class RolloutHistoryHandler : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["k8s", "rollout", "history"], "A deployment's revisions with change causes and images.", Permission.Read)
    {
        Arguments = [DeploymentArgument.Definition],
        Examples = ["/k8s rollout history deploy/frontend -n ecommerce-production"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Command.GetString(DeploymentArgument.Name)!;
        var ns = context.Namespace;
        var deployment = await KubernetesReads.ReadAsync(token => context.Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: token), "deployment", name, ns, cancellationToken).ConfigureAwait(false);
        var history = await context.Client.RolloutHistoryAsync(name, ns, cancellationToken).ConfigureAwait(false);
        var now = context.Time.GetUtcNow();
        var current = deployment.Metadata?.Annotations?.TryGetValue(KubernetesAnnotations.Revision, out var revision) == true ? revision : null;
        if (history.Count == 0)
        {
            var none = $"No rollout history found for deployment {name}.";
            return new ChatReply(new ChatMessage(none) { Blocks = [new SectionBlock(none), K8sReplies.Context(context)] });
        }

        var rows = history.OrderByDescending(entry => entry.Revision).Select(entry => (IReadOnlyList<string>)
        [
            entry.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture) + (entry.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture) == current ? " (current)" : string.Empty),
            entry.ChangeCause ?? "<none>",
            string.Join(", ", entry.ReplicaSet.Spec?.Template?.Spec?.Containers?.Select(c => c.Image ?? "?") ?? []),
            entry.ReplicaSet.Metadata?.Name ?? "?",
            K8sReplies.N(entry.ReplicaSet.Status?.ReadyReplicas ?? 0) + "/" + K8sReplies.N(entry.ReplicaSet.Spec?.Replicas ?? 0),
            Ages.Since(entry.ReplicaSet.Metadata?.CreationTimestamp, now),
        ]).ToList();
        var summary = $"deployment {name}: {K8sReplies.Plural(history.Count, "revision")}, current {current ?? "unknown"}";
        var blocks = new List<MessageBlock> { new SectionBlock(summary) };
        blocks.AddRange(K8sReplies.Table(["REVISION", "CHANGE-CAUSE", "IMAGES", "REPLICASET", new("READY", ColumnAlignment.Right), "AGE"], rows, context.Options.MaxRows, "revisions"));
        blocks.Add(K8sReplies.Context(context));
        return new ChatReply(new ChatMessage(summary) { Header = $"Rollout history of deployment {name}", Blocks = blocks });
    }
}
