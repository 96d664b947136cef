using System.Text.Json.Nodes;

namespace OpsBot.Tests.Deploy;

/// <summary>One verb on one resource of one API group, as a rendered ClusterRole grants it.</summary>
public sealed record RbacGrant(string ApiGroup, string Resource, string Verb)
{
    /// <summary>Every (group, resource, verb) a role's rules grant; fails the test on a rule with names or URLs.</summary>
    public static IEnumerable<RbacGrant> Of(JsonObject role) =>
        from rule in role["rules"]!.AsArray()
        from grant in Expand(rule!.AsObject())
        select grant;

    private static IEnumerable<RbacGrant> Expand(JsonObject rule)
    {
        Assert.Null(rule["nonResourceURLs"]);
        return from apiGroup in Strings(rule, "apiGroups")
               from resource in Strings(rule, "resources")
               from verb in Strings(rule, "verbs")
               select new RbacGrant(apiGroup, resource, verb);
    }

    private static IEnumerable<string> Strings(JsonObject rule, string field) =>
        rule[field]?.AsArray().Select(value => (string)value!) ?? [];

    public override string ToString() => $"{Verb} {(ApiGroup.Length == 0 ? "" : ApiGroup + "/")}{Resource}";
}
