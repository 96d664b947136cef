using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Access;

/// <summary>
/// One RBAC rule of a Role or ClusterRole, matched as the RBAC authorizer does: verbs (<c>*</c> = all),
/// apiGroups (<c>*</c> = all), resources (<c>*</c> = all, <c>pods/log</c> a subresource, <c>*/scale</c> that
/// subresource of anything; <c>pods</c> never grants <c>pods/log</c>), resourceNames (empty = any name; a
/// create or list has no name, so a rule with names never grants it), nonResourceURLs (exact, or a prefix
/// ending in <c>*</c>).
/// </summary>
// https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/rbac/v1/evaluation_helpers.go
public sealed record PolicyRule(
    IReadOnlyList<string> Verbs,
    IReadOnlyList<string> ApiGroups,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> ResourceNames,
    IReadOnlyList<string> NonResourceUrls)
{
    private const string All = "*";

    public static PolicyRule FromJson(JsonNode? rule) =>
        new(Strings(rule?["verbs"]), Strings(rule?["apiGroups"]), Strings(rule?["resources"]), Strings(rule?["resourceNames"]), Strings(rule?["nonResourceURLs"]));

    public bool Allows(RequestAttributes request) =>
        request.IsResourceRequest
            ? VerbMatches(request.Verb) && ApiGroupMatches(request.ApiGroup) && ResourceMatches(request.ResourceWithSubresource, request.Subresource) && ResourceNameMatches(request.Name)
            : VerbMatches(request.Verb) && NonResourceUrlMatches(request.Path);

    public bool VerbMatches(string verb) => Verbs.Contains(All) || Verbs.Contains(verb);

    public bool ApiGroupMatches(string group) => ApiGroups.Contains(All) || ApiGroups.Contains(group);

    public bool ResourceMatches(string combined, string subresource)
    {
        foreach (var resource in Resources)
        {
            if (resource == All || resource == combined)
            {
                return true;
            }

            // "*/scale" grants the scale subresource of every resource.
            if (subresource.Length > 0 && resource.Length == subresource.Length + 2 && resource.StartsWith("*/", StringComparison.Ordinal) && resource.EndsWith(subresource, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public bool ResourceNameMatches(string name) => ResourceNames.Count == 0 || ResourceNames.Contains(name);

    public bool NonResourceUrlMatches(string path)
    {
        foreach (var url in NonResourceUrls)
        {
            if (url == All || url == path || (url.EndsWith('*') && path.StartsWith(url.TrimEnd('*'), StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The rule in the API's JSON form (empty lists omitted), as <c>SelfSubjectRulesReview</c> answers it.</summary>
    public JsonObject ToResourceRuleJson()
    {
        var rule = new JsonObject { ["verbs"] = Array(Verbs) };
        if (ApiGroups.Count > 0)
        {
            rule["apiGroups"] = Array(ApiGroups);
        }

        if (Resources.Count > 0)
        {
            rule["resources"] = Array(Resources);
        }

        if (ResourceNames.Count > 0)
        {
            rule["resourceNames"] = Array(ResourceNames);
        }

        return rule;
    }

    public JsonObject ToNonResourceRuleJson() => new() { ["verbs"] = Array(Verbs), ["nonResourceURLs"] = Array(NonResourceUrls) };

    private static JsonArray Array(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)v)];

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>()] : [];
}
