using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Deployments;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Common;

/// <summary>
/// The ControllerRevisions a StatefulSet or DaemonSet keeps of its pod template (pkg/controller/history): named
/// <c>&lt;owner&gt;-&lt;hash&gt;</c>, data <c>{"spec":{"template":{…,"$patch":"replace"}}}</c>, a revision number that
/// rises with each new template (and moves to the top again when an old template comes back — a rollback); at most
/// <c>revisionHistoryLimit</c> (default 10) unused ones are kept.
/// </summary>
internal static class ControllerRevisions
{
    public const string HashLabel = "controller.kubernetes.io/hash";

    /// <summary>The revision of the owner's current template, created or promoted as needed; returns it and its hash.</summary>
    public static (JsonObject Revision, string Hash) Ensure(SimulationContext context, JsonObject owner, string apiVersion, string kind, JsonObject template, IEnumerable<string> inUse)
    {
        var ns = ObjectMeta.Namespace(owner);
        var owned = context.Store.List(SimResources.ControllerRevisions, ns, r => Owners.IsControlledBy(r, owner)).Items;
        var canonical = PodTemplateHash.Canonical(template);
        var max = owned.Select(r => JsonFields.Long(r, "revision") ?? 0).DefaultIfEmpty(0).Max();
        var match = owned.FirstOrDefault(r => PodTemplateHash.Canonical(Template(r)) == canonical);
        var hash = PodTemplateHash.Compute(template);
        if (match is null)
        {
            var labels = template["metadata"]?["labels"]?.DeepClone() as JsonObject ?? [];
            labels[HashLabel] = hash;
            var data = template.DeepClone().AsObject();
            data["$patch"] = "replace";
            match = context.Store.Create(SimResources.ControllerRevisions, new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "ControllerRevision",
                ["metadata"] = new JsonObject
                {
                    ["name"] = ObjectMeta.Name(owner) + "-" + hash,
                    ["namespace"] = ns,
                    ["labels"] = labels,
                    ["ownerReferences"] = Owners.ControllerRef(owner, apiVersion, kind),
                },
                ["data"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = data } },
                ["revision"] = max + 1,
            });
            owned = [.. owned, match];
        }
        else if ((JsonFields.Long(match, "revision") ?? 0) < max)
        {
            match = context.Store.Modify(SimResources.ControllerRevisions, ns, ObjectMeta.Name(match), (JsonObject r) => r["revision"] = max + 1);
        }

        Prune(context, owner, owned, [.. inUse, ObjectMeta.Name(match)]);
        return (match, ObjectMeta.Label(match, HashLabel) ?? hash);
    }

    public static long Number(JsonObject revision) => JsonFields.Long(revision, "revision") ?? 0;

    private static JsonObject Template(JsonObject revision)
    {
        var template = revision["data"]?["spec"]?["template"]?.DeepClone() as JsonObject ?? [];
        template.Remove("$patch");
        return template;
    }

    private static void Prune(SimulationContext context, JsonObject owner, IReadOnlyList<JsonObject> owned, HashSet<string> keep)
    {
        var limit = JsonFields.Int(owner["spec"], "revisionHistoryLimit", 10);
        var unused = owned.Where(r => !keep.Contains(ObjectMeta.Name(r))).OrderBy(Number).ToList();
        foreach (var old in unused.Take(Math.Max(0, unused.Count - limit)))
        {
            StoreRaces.Tolerate(() => context.Store.Delete(SimResources.ControllerRevisions, ObjectMeta.Namespace(old), ObjectMeta.Name(old)));
        }
    }

    public static string Text(long number) => number.ToString(CultureInfo.InvariantCulture);
}
