using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Deployments;

/// <summary>
/// One deployment during one sync: a working copy of its status and revision, its ReplicaSets split into
/// the new one (template equal ignoring the hash) and the old ones, kept current as the sync writes them.
/// </summary>
internal sealed class DeploymentRollout
{
    public DeploymentRollout(SimulationContext context, JsonObject deployment, List<JsonObject> owned)
    {
        Context = context;
        Deployment = deployment;
        Spec = new DeploymentSpec(deployment);
        Owned = owned;
        Status = deployment["status"]?.DeepClone() as JsonObject ?? [];
        Revision = ObjectMeta.Annotation(deployment, DeploymentAnnotations.Revision);
    }

    public SimulationContext Context { get; }

    public JsonObject Deployment { get; }

    public DeploymentSpec Spec { get; }

    /// <summary>Every ReplicaSet the deployment controls, oldest first.</summary>
    public List<JsonObject> Owned { get; }

    /// <summary>The status the sync writes at the end (the stored one until something changes it).</summary>
    public JsonObject Status { get; set; }

    /// <summary>The deployment's revision annotation to write.</summary>
    public string? Revision { get; set; }

    public JsonObject? NewRs { get; set; }

    public IEnumerable<JsonObject> OldRss => Owned.Where(rs => NewRs is null || ObjectMeta.Name(rs) != ObjectMeta.Name(NewRs));

    public string Namespace => ObjectMeta.Namespace(Deployment);

    public string Name => ObjectMeta.Name(Deployment);

    /// <summary>The status the controller last wrote (what DeploymentProgressing compares against).</summary>
    public JsonNode? StoredStatus => Deployment["status"];

    /// <summary>Puts a freshly written ReplicaSet in place of its old copy.</summary>
    public JsonObject Track(JsonObject rs)
    {
        var index = Owned.FindIndex(o => ObjectMeta.Name(o) == ObjectMeta.Name(rs));
        if (index >= 0)
        {
            Owned[index] = rs;
        }
        else
        {
            Owned.Add(rs);
        }

        if (NewRs is not null && ObjectMeta.Name(NewRs) == ObjectMeta.Name(rs))
        {
            NewRs = rs;
        }

        return rs;
    }

    public static int SpecReplicas(JsonObject rs) => JsonFields.Int(rs["spec"], "replicas", 1);

    public static int StatusCount(JsonObject rs, string field) => JsonFields.Int(rs["status"], field);

    public static long RevisionOf(JsonObject rs) =>
        long.TryParse(ObjectMeta.Annotation(rs, DeploymentAnnotations.Revision), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var r) ? r : 0;
}
