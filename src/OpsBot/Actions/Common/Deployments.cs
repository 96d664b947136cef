using System.Text.Json.Nodes;
using OpsBot.Commands;
using OpsBot.Kubernetes;
using k8s.Models;
using k8s;

namespace OpsBot.Actions.Common;

/// <summary>Reads and checks shared by the actions on a deployment.</summary>
public static class Deployments
{
    public static Task<V1Deployment> ReadAsync(IKubernetes client, string name, string ns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return KubernetesReads.ReadAsync(token => client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: token), "deployment", name, ns, cancellationToken);
    }

    /// <summary>A paused deployment does not roll out a template change: refuse rather than leave a change that never lands.</summary>
    public static void RefusePaused(V1Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (deployment.Spec?.Paused == true)
        {
            var name = deployment.Metadata?.Name;
            throw new CommandFailedException($"deployment/{name} is paused, so the change would not roll out; resume it first (kubectl rollout resume deployment/{name}) and try again.");
        }
    }

    /// <summary>The container to change: the one named, else the only one; a clear error listing the containers otherwise.</summary>
    public static V1Container PickContainer(V1Deployment deployment, string? requested, CommandDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var name = deployment.Metadata?.Name;
        var containers = deployment.Spec?.Template?.Spec?.Containers ?? [];
        var names = string.Join(", ", containers.Select(c => c.Name));
        if (requested is null)
        {
            return containers.Count == 1
                ? containers[0]
                : throw new CommandInputException($"deployment/{name} has {containers.Count} containers ({names}): choose one with -c CONTAINER.", definition);
        }

        return containers.FirstOrDefault(c => c.Name == requested)
            ?? throw new CommandFailedException($"container {requested} not found in deployment/{name}; its containers: {names}.");
    }

    /// <summary>The deployment as JSON, for <see cref="FieldPath"/> reads.</summary>
    public static JsonObject ToJson(V1Deployment deployment) => JsonNode.Parse(KubernetesJson.Serialize(deployment))!.AsObject();

    /// <summary>The pods the deployment selects (all its ReplicaSets').</summary>
    public static async Task<IReadOnlyList<V1Pod>> ListPodsAsync(IKubernetes client, V1Deployment deployment, string? extraSelector = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(deployment);
        var selector = LabelSelectors.ToSelectorString(deployment.Spec?.Selector);
        if (extraSelector is not null)
        {
            selector = selector.Length == 0 ? extraSelector : selector + "," + extraSelector;
        }

        var pods = await client.Pods(deployment.Metadata?.NamespaceProperty ?? "default", selector).AllAsync(cancellationToken).ConfigureAwait(false);
        return pods;
    }

    public static string? Revision(V1Deployment deployment) =>
        deployment.Metadata?.Annotations?.TryGetValue(KubernetesAnnotations.Revision, out var revision) == true ? revision : null;

    /// <summary>
    /// The risk of replacing every pod through a rollout: High for 10+ replicas or the Recreate strategy (downtime), else Medium.
    /// </summary>
    public static (ActionRisk Risk, string Reason) RolloutRisk(V1Deployment deployment, string what)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var replicas = deployment.Spec?.Replicas ?? 1;
        var name = deployment.Metadata?.Name;
        if (deployment.Spec?.Strategy?.Type == "Recreate")
        {
            return (ActionRisk.High, $"{what}: the Recreate strategy stops all {replicas} pods of deployment/{name} before new ones start (downtime)");
        }

        var pods = replicas == 1 ? "the only pod" : $"all {replicas} pods";
        return replicas >= HighRiskReplicas
            ? (ActionRisk.High, $"{what}: replaces {pods} of deployment/{name}, a large deployment ({replicas} replicas)")
            : (ActionRisk.Medium, $"{what}: replaces {pods} of deployment/{name} in a rolling update");
    }

    /// <summary>From this many replicas a rollout counts as High risk.</summary>
    public const int HighRiskReplicas = 10;
}
