using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using k8s;

namespace OpsBot.Commands.K8s;

/// <summary><c>/k8s describe hpa NAME</c>: target, replicas, metrics vs targets, conditions (ScalingLimited first), behavior, events.</summary>
public sealed class DescribeHpaHandler : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["k8s", "describe", "hpa"], "Show an HPA: replicas, metrics vs targets, conditions, behavior, events.", Permission.Read)
    {
        Aliases = ["horizontalpodautoscaler", "horizontalpodautoscalers"],
        Arguments = [new("NAME", ValueKind.ObjectName, "The HorizontalPodAutoscaler.") { Required = true, ObjectKind = "hpa" }],
        Examples = ["/k8s describe hpa frontend -n ecommerce-production", "/k8s describe hpa/frontend"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Command.GetString("NAME")!;
        return await DescribeAsync(context, name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The describe reply for one HPA (shared with <c>/k8s hpa NAME</c>).</summary>
    public static async Task<ChatReply> DescribeAsync(CommandContext context, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ns = context.Namespace;
        var hpa = await KubernetesReads.ReadAsync(token => context.Client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync(name, ns, cancellationToken: token), "hpa", name, ns, cancellationToken).ConfigureAwait(false);
        var events = await ObjectEvents.ListAsync(context.Reads, ns, "HorizontalPodAutoscaler", name, hpa.Metadata?.Uid, cancellationToken).ConfigureAwait(false);
        var now = context.Time.GetUtcNow();
        var blocks = new List<MessageBlock>(HpaFormat.Describe(hpa, now));
        blocks.AddRange(ObjectEvents.Blocks(events, now));
        blocks.Add(K8sReplies.Context(context));
        var text = $"hpa {name}: {hpa.Status?.CurrentReplicas ?? 0} replicas (min {hpa.Spec?.MinReplicas ?? 1}, max {hpa.Spec?.MaxReplicas}), {HpaFormat.Targets(hpa)}"
            + (HpaFormat.Limit(hpa) is { } limit ? " — " + limit : string.Empty);
        return new ChatReply(new ChatMessage(text) { Header = $"HPA {name}", Blocks = blocks });
    }
}
