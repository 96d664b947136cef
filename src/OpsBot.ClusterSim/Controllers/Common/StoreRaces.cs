using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Common;

/// <summary>
/// API clients write while a tick runs: an object listed at the start of a tick may be gone (NotFound),
/// or a name taken (AlreadyExists), by the time a controller writes. Like a real controller's requeue, the
/// object is simply reconciled again on the next tick.
/// </summary>
internal static class StoreRaces
{
    public static void Tolerate(Action reconcile)
    {
        try
        {
            reconcile();
        }
        catch (StoreException e) when (e.Kind is StoreErrorKind.NotFound or StoreErrorKind.AlreadyExists or StoreErrorKind.Conflict)
        {
            // Next tick.
        }
    }
}
