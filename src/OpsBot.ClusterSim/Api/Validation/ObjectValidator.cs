using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpsBot.ClusterSim.Selectors;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Api.Validation;

/// <summary>
/// The validation the simulator does before storing: names (DNS-1123), a pod's containers, a workload's
/// selector matching its template labels. A small subset of the real server's, with its messages.
/// </summary>
public static partial class ObjectValidator
{
    private const string SubdomainRegex = @"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string LabelRegex = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    /// <summary>Throws <see cref="ApiException"/> (422 Invalid) when <paramref name="obj"/> fails validation.</summary>
    public static void Validate(ResourceDefinition definition, JsonObject obj)
    {
        var errors = new List<FieldError>();
        var name = ObjectMeta.Name(obj);
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        }
        else if (definition.NameIsLabel)
        {
            if (name.Length > 63 || !Label().IsMatch(name))
            {
                errors.Add(FieldError.Invalid("metadata.name", Quote(name), $"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '{LabelRegex}')"));
            }
        }
        else if (name.Length > 253 || !Subdomain().IsMatch(name))
        {
            errors.Add(FieldError.Invalid("metadata.name", Quote(name), $"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '{SubdomainRegex}')"));
        }

        switch (definition.Kind)
        {
            case "Pod":
                ValidatePodSpec(obj["spec"], "spec", errors);
                break;
            case "Deployment" or "ReplicaSet":
                ValidateWorkload(obj, errors);
                break;
        }

        if (errors.Count > 0)
        {
            throw new ApiException(StatusErrors.Invalid(definition, name, errors));
        }
    }

    private static void ValidateWorkload(JsonObject obj, List<FieldError> errors)
    {
        var selector = obj["spec"]?["selector"];
        var template = obj["spec"]?["template"];
        if (selector is not JsonObject s || s.Count == 0)
        {
            errors.Add(FieldError.Required("spec.selector"));
        }
        else
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (template?["metadata"]?["labels"] is JsonObject l)
            {
                foreach (var (k, v) in l)
                {
                    labels[k] = v?.GetValue<string>() ?? "";
                }
            }

            if (!LabelSelector.FromJson(selector).Matches(labels))
            {
                var shown = "map[string]string{" + string.Join(", ", labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Quote(p.Key)}:{Quote(p.Value)}")) + "}";
                errors.Add(FieldError.Invalid("spec.template.metadata.labels", shown, "`selector` does not match template `labels`"));
            }
        }

        ValidatePodSpec(template?["spec"], "spec.template.spec", errors);
    }

    private static void ValidatePodSpec(JsonNode? spec, string path, List<FieldError> errors)
    {
        if (spec?["containers"] is not JsonArray containers || containers.Count == 0)
        {
            errors.Add(FieldError.Required($"{path}.containers"));
            return;
        }

        for (var i = 0; i < containers.Count; i++)
        {
            if (string.IsNullOrEmpty(ObjectMeta.GetString(containers[i], "name")))
            {
                errors.Add(FieldError.Required($"{path}.containers[{i}].name"));
            }

            if (string.IsNullOrEmpty(ObjectMeta.GetString(containers[i], "image")))
            {
                errors.Add(FieldError.Required($"{path}.containers[{i}].image"));
            }
        }
    }

    private static string Quote(string s) => "\"" + s.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("^" + SubdomainRegex + "$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^" + LabelRegex + "$")]
    private static partial Regex Label();
}
