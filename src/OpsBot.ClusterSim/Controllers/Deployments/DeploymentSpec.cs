using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;

namespace OpsBot.ClusterSim.Controllers.Deployments;

/// <summary>A deployment's spec with the API server's defaults applied (replicas 1, 25 %/25 %, deadline 600 s, history 10).</summary>
internal sealed class DeploymentSpec(JsonObject deployment)
{
    private JsonNode? Spec => deployment["spec"];

    public int Replicas => JsonFields.Int(Spec, "replicas", 1);

    public bool Paused => JsonFields.Bool(Spec, "paused");

    public int MinReadySeconds => JsonFields.Int(Spec, "minReadySeconds");

    public int RevisionHistoryLimit => JsonFields.Int(Spec, "revisionHistoryLimit", 10);

    public int ProgressDeadlineSeconds => JsonFields.Int(Spec, "progressDeadlineSeconds", 600);

    /// <summary>A deadline of MaxInt32 means none (HasProgressDeadline).</summary>
    public bool HasProgressDeadline => ProgressDeadlineSeconds != int.MaxValue;

    public bool IsRecreate => JsonFields.Str(Spec?["strategy"], "type") == "Recreate";

    public JsonObject Template => Spec?["template"] as JsonObject ?? [];

    public JsonNode? Selector => Spec?["selector"];

    /// <summary>MaxSurge: 0 for Recreate.</summary>
    public int MaxSurge => IsRecreate ? 0 : Fenceposts().Surge;

    /// <summary>MaxUnavailable: 0 for Recreate or no replicas; never more than the replicas.</summary>
    public int MaxUnavailable
    {
        get
        {
            if (IsRecreate || Replicas == 0)
            {
                return 0;
            }

            return Math.Min(Fenceposts().Unavailable, Replicas);
        }
    }

    // ResolveFenceposts: surge rounds up, unavailable down; both zero → one unavailable.
    private (int Surge, int Unavailable) Fenceposts()
    {
        var rolling = Spec?["strategy"]?["rollingUpdate"];
        var surge = IntOrPercent.Scaled(rolling?["maxSurge"], Replicas, roundUp: true, "25%");
        var unavailable = IntOrPercent.Scaled(rolling?["maxUnavailable"], Replicas, roundUp: false, "25%");
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, unavailable);
    }
}
