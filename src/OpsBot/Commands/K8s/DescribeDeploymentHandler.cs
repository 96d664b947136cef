using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;
using k8s;
using k8s.Models;

namespace OpsBot.Commands.K8s;

/// <summary><c>/k8s describe deploy NAME</c>: replicas, rollout status, strategy, images, revision, conditions, ReplicaSets, events.</summary>
public sealed class DescribeDeploymentHandler : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["k8s", "describe", "deploy"], "Show a deployment: replicas, rollout, strategy, images, ReplicaSets, events.", Permission.Read)
    {
        Aliases = ["deployment", "deployments"],
        Arguments = [new("NAME", ValueKind.ObjectName, "The deployment.") { Required = true, ObjectKind = "deployment" }],
        Examples = ["/k8s describe deploy frontend -n ecommerce-production", "/k8s describe deploy/frontend"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Command.GetString("NAME")!;
        var ns = context.Namespace;
        var deployment = await KubernetesReads.ReadAsync(token => context.Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: token), "deployment", name, ns, cancellationToken).ConfigureAwait(false);
        var replicaSets = await context.Client.ListOwnedReplicaSetsAsync(deployment, cancellationToken).ConfigureAwait(false);
        var events = await ObjectEvents.ListAsync(context.Reads, ns, "Deployment", name, deployment.Metadata?.Uid, cancellationToken).ConfigureAwait(false);
        var now = context.Time.GetUtcNow();
        var spec = deployment.Spec;
        var status = deployment.Status;
        var rollout = RolloutStatus.Of(deployment);
        var strategy = spec?.Strategy?.Type ?? "RollingUpdate";
        if (spec?.Strategy?.RollingUpdate is { } rolling)
        {
            strategy += $" (max surge {Text(rolling.MaxSurge)}, max unavailable {Text(rolling.MaxUnavailable)})";
        }

        var desired = spec?.Replicas ?? 1;
        var problems = new List<string>();
        if (rollout.Failed || !rollout.Done)
        {
            problems.Add(rollout.Message);
        }

        foreach (var condition in status?.Conditions ?? [])
        {
            if ((condition.Type == "Available" && condition.Status != "True") || (condition.Type == "Progressing" && condition.Status == "False") || (condition.Type == "ReplicaFailure" && condition.Status == "True"))
            {
                problems.Add($"{condition.Type}={condition.Status} {condition.Reason}: {condition.Message}");
            }
        }

        var blocks = new List<MessageBlock>();
        if (problems.Count > 0)
        {
            blocks.Add(new SectionBlock(RichText.Bold("Problems") + "\n" + string.Join('\n', problems.Select(problem => "• " + problem))));
        }

        blocks.Add(new FieldsBlock(
        [
            new("Replicas", $"{desired} desired · {status?.UpdatedReplicas ?? 0} updated · {status?.ReadyReplicas ?? 0} ready · {status?.AvailableReplicas ?? 0} available · {status?.UnavailableReplicas ?? 0} unavailable"),
            new("Rollout", rollout.Message),
            new("Revision", deployment.Metadata?.Annotations?.TryGetValue(KubernetesAnnotations.Revision, out var revision) == true ? revision : "-"),
            new("Strategy", strategy),
            new("Images", string.Join(", ", spec?.Template?.Spec?.Containers?.Select(c => $"{c.Name}={c.Image}") ?? [])),
            new("Resources", string.Join("; ", spec?.Template?.Spec?.Containers?.Select(c => $"{c.Name}: requests {K8sReplies.Resources(c.Resources?.Requests)}, limits {K8sReplies.Resources(c.Resources?.Limits)}") ?? [])),
            new("Selector", K8sReplies.Labels(spec?.Selector?.MatchLabels)),
            new("Paused", spec?.Paused == true ? "yes" : "no"),
            new("Age", Ages.Since(deployment.Metadata?.CreationTimestamp, now)),
        ]));

        var conditions = (status?.Conditions ?? []).Select(c => (IReadOnlyList<string>)[c.Type ?? "?", c.Status ?? "?", c.Reason ?? string.Empty, c.Message ?? string.Empty]).ToList();
        if (conditions.Count > 0)
        {
            blocks.Add(new TableBlock(["CONDITION", "STATUS", "REASON", "MESSAGE"], conditions) { Caption = "Conditions" });
        }

        var sets = replicaSets
            .OrderByDescending(RolloutExtensions.RevisionOf)
            .Select(rs => (IReadOnlyList<string>)
            [
                rs.Metadata?.Name ?? "?",
                K8sReplies.N((int)RolloutExtensions.RevisionOf(rs)),
                K8sReplies.N(rs.Spec?.Replicas ?? 0),
                K8sReplies.N(rs.Status?.ReadyReplicas ?? 0),
                string.Join(", ", rs.Spec?.Template?.Spec?.Containers?.Select(c => c.Image ?? "?") ?? []),
                Ages.Since(rs.Metadata?.CreationTimestamp, now),
            ]).ToList();
        blocks.Add(sets.Count == 0
            ? new ContextBlock(["ReplicaSets: none found"])
            : new TableBlock(["REPLICASET", new("REVISION", ColumnAlignment.Right), new("DESIRED", ColumnAlignment.Right), new("READY", ColumnAlignment.Right), "IMAGES", "AGE"], sets) { Caption = "ReplicaSets" });
        blocks.AddRange(ObjectEvents.Blocks(events, now));
        blocks.Add(K8sReplies.Context(context));
        var text = $"deployment {name}: {status?.AvailableReplicas ?? 0}/{desired} available — {rollout.Message}";
        return new ChatReply(new ChatMessage(text) { Header = $"Deployment {name}", Blocks = blocks });
    }

    private static string Text(IntOrString? value) =>
        value?.Value is not { } text ? "-"
        : int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number) ? K8sReplies.N(number)
        : text;
}
