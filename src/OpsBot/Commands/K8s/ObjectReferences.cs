using OpsBot.ClusterObjects;

namespace OpsBot.Commands.K8s;

/// <summary>The <c>kind/name</c> spellings accepted by <c>--for</c>, mapped to their API kinds.</summary>
public static class ObjectReferences
{
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pod"] = "Pod", ["pods"] = "Pod", ["po"] = "Pod",
        ["deployment"] = "Deployment", ["deployments"] = "Deployment", ["deploy"] = "Deployment",
        ["replicaset"] = "ReplicaSet", ["replicasets"] = "ReplicaSet", ["rs"] = "ReplicaSet",
        ["node"] = "Node", ["nodes"] = "Node", ["no"] = "Node",
        ["hpa"] = "HorizontalPodAutoscaler", ["horizontalpodautoscaler"] = "HorizontalPodAutoscaler",
        ["service"] = "Service", ["svc"] = "Service",
        ["statefulset"] = "StatefulSet", ["sts"] = "StatefulSet",
        ["daemonset"] = "DaemonSet", ["ds"] = "DaemonSet",
        ["job"] = "Job", ["cronjob"] = "CronJob", ["ingress"] = "Ingress", ["ing"] = "Ingress",
        ["certificate"] = "Certificate", ["cert"] = "Certificate",
    };

    /// <summary>Parses <c>pod/web-1</c> into (<c>Pod</c>, <c>web-1</c>); otherwise says why not.</summary>
    public static bool TryParse(string text, out (string Kind, string Name) reference, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        reference = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !Kinds.TryGetValue(text[..slash], out var kind))
        {
            problem = "write KIND/NAME, e.g. pod/web-1, deploy/frontend, node/ip-10-0-1-5, hpa/frontend";
            return false;
        }

        var name = text[(slash + 1)..];
        problem = KubernetesNames.ValidateSubdomain(name);
        if (problem is not null)
        {
            problem = $"\"{name}\" is not a valid {kind} name: {problem}";
            return false;
        }

        reference = (kind, name);
        return true;
    }
}
