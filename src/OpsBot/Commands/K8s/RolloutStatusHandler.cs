using k8s;
using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Kubernetes;

namespace OpsBot.Commands.K8s;

/// <summary><c>/k8s rollout status deploy/NAME</c>: kubectl's rollout status message, once (no waiting).</summary>
public sealed class RolloutStatusHandler : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["k8s", "rollout", "status"], "Where a deployment's rollout stands (kubectl's message).", Permission.Read)
    {
        Arguments = [DeploymentArgument.Definition],
        Examples = ["/k8s rollout status deploy/frontend -n ecommerce-production"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Command.GetString(DeploymentArgument.Name)!;
        var ns = context.Namespace;
        var deployment = await KubernetesReads.ReadAsync(token => context.Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: token), "deployment", name, ns, cancellationToken).ConfigureAwait(false);
        var status = RolloutStatus.Of(deployment);
        var state = status.Failed ? "failed" : status.Done ? "complete" : "in progress";
        var s = deployment.Status;
        var blocks = new List<MessageBlock>
        {
            new SectionBlock(status.Failed ? RichText.Bold(status.Message) : RichText.Plain(status.Message))
            {
                Fields =
                [
                    new("Rollout", state),
                    new("Replicas", $"{deployment.Spec?.Replicas ?? 1} desired · {s?.UpdatedReplicas ?? 0} updated · {s?.AvailableReplicas ?? 0} available"),
                    new("Revision", deployment.Metadata?.Annotations?.TryGetValue(Kubernetes.KubernetesAnnotations.Revision, out var revision) == true ? revision : "-"),
                ],
            },
            K8sReplies.Context(context),
        };
        return new ChatReply(new ChatMessage(status.Message) { Header = $"Rollout of deployment {name}: {state}", Blocks = blocks })
        {
            Report = new System.Text.Json.Nodes.JsonObject { ["done"] = status.Done, ["failed"] = status.Failed, ["message"] = status.Message },
        };
    }
}
