using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Controllers.Scheduling;

/// <summary>
/// What the VolumeBinding plugin's PreFilter says about a pod's claims: a rejection for every node (a missing claim,
/// unbound immediate claims), a scheduler error (a Lost or terminating claim), or the WaitForFirstConsumer claims the
/// scheduler must have provisioned on the node it picks (and the node already picked for them).
/// </summary>
internal sealed record VolumeBindingCheck(string? Rejection, string? Error, IReadOnlyList<JsonObject> DelayedClaims, string? SelectedNode)
{
    public static VolumeBindingCheck None { get; } = new(null, null, [], null);
}
