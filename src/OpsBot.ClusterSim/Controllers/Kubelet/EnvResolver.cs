using System.Text;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>
/// Builds a container's environment the way the kubelet does before creating it: <c>env</c> values,
/// <c>secretKeyRef</c>/<c>configMapKeyRef</c>, <c>fieldRef</c> and <c>envFrom</c>, failing with the kubelet's
/// messages (<c>secret "db-creds" not found</c>, <c>couldn't find key password in Secret ns/db-creds</c>).
/// </summary>
public static class EnvResolver
{
    public static EnvResolution Resolve(ObjectStore store, JsonObject pod, JsonObject container)
    {
        var ns = ObjectMeta.Namespace(pod);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var source in (container["envFrom"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var prefix = (string?)source["prefix"] ?? "";
                var (reference, kind) = source["secretRef"] is JsonObject s ? (s, "Secret") : (source["configMapRef"] as JsonObject, "ConfigMap");
                if (reference is null)
                {
                    continue;
                }

                var data = Data(store, ns, kind, (string?)reference["name"] ?? "", Optional(reference));
                foreach (var (key, value) in data ?? [])
                {
                    variables[prefix + key] = value;
                }
            }

            foreach (var item in (container["env"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var name = (string?)item["name"] ?? "";
                if (item["valueFrom"] is not JsonObject from)
                {
                    variables[name] = Expand((string?)item["value"] ?? "", variables);
                    continue;
                }

                var value = ValueFrom(store, pod, ns, from);
                if (value is not null)
                {
                    variables[name] = value;
                }
            }
        }
        catch (ConfigException e)
        {
            return new EnvResolution(variables, e.Message);
        }

        return new EnvResolution(variables, null);
    }

    /// <summary>
    /// The kubelet's dependent variables: <c>$(NAME)</c> becomes the value of a variable defined before it (left as is when
    /// there is none), <c>$$(NAME)</c> is the literal <c>$(NAME)</c>.
    /// </summary>
    public static string Expand(string value, IReadOnlyDictionary<string, string> defined)
    {
        if (!value.Contains("$(", StringComparison.Ordinal))
        {
            return value;
        }

        var result = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '$')
            {
                result.Append('$');
                i++;
                continue;
            }

            if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '(' && value.IndexOf(')', i + 2) is var close and > 0)
            {
                var name = value[(i + 2)..close];
                result.Append(defined.TryGetValue(name, out var v) ? v : value[i..(close + 1)]);
                i = close;
                continue;
            }

            result.Append(value[i]);
        }

        return result.ToString();
    }

    private static string? ValueFrom(ObjectStore store, JsonObject pod, string ns, JsonObject from)
    {
        if (from["fieldRef"] is JsonObject field)
        {
            return (string?)field["fieldPath"] switch
            {
                "metadata.name" => ObjectMeta.Name(pod),
                "metadata.namespace" => ns,
                "spec.nodeName" => (string?)pod["spec"]?["nodeName"],
                "status.podIP" => (string?)pod["status"]?["podIP"],
                "status.hostIP" => (string?)pod["status"]?["hostIP"],
                _ => "",
            };
        }

        var (reference, kind) = from["secretKeyRef"] is JsonObject s ? (s, "Secret") : (from["configMapKeyRef"] as JsonObject, "ConfigMap");
        if (reference is null)
        {
            return null;
        }

        var objectName = (string?)reference["name"] ?? "";
        var key = (string?)reference["key"] ?? "";
        var data = Data(store, ns, kind, objectName, Optional(reference));
        if (data is null)
        {
            return null;
        }

        if (data.TryGetValue(key, out var value))
        {
            return value;
        }

        return Optional(reference) ? null : throw new ConfigException($"couldn't find key {key} in {kind} {ns}/{objectName}");
    }

    /// <summary>The decoded data of a Secret or ConfigMap; null when it is missing and optional.</summary>
    private static Dictionary<string, string>? Data(ObjectStore store, string ns, string kind, string name, bool optional)
    {
        var resource = kind == "Secret" ? SimResources.Secrets : SimResources.ConfigMaps;
        var obj = store.TryGet(resource, ns, name);
        if (obj is null)
        {
            return optional ? null : throw new ConfigException($"{kind.ToLowerInvariant()} \"{name}\" not found");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj["data"] as JsonObject ?? [])
        {
            var text = (string?)value ?? "";
            result[key] = kind == "Secret" ? Decode(text) : text;
        }

        foreach (var (key, value) in obj["stringData"] as JsonObject ?? [])
        {
            result[key] = (string?)value ?? "";
        }

        return result;
    }

    private static string Decode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return base64;
        }
    }

    private static bool Optional(JsonObject reference) => (bool?)reference["optional"] ?? false;

    private sealed class ConfigException(string message) : Exception(message);
}
