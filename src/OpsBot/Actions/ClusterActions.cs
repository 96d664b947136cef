using OpsBot.Actions.CertRenew;
using OpsBot.Actions.Cordon;
using OpsBot.Actions.Drain;
using OpsBot.Actions.Restart;
using OpsBot.Actions.Rollback;
using OpsBot.Actions.ScaleHpa;
using OpsBot.Actions.SetImage;
using OpsBot.Actions.SetProbe;
using OpsBot.Actions.SetResources;

namespace OpsBot.Actions;

/// <summary>Every risky action kind, for registration.</summary>
public static class ClusterActions
{
    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(RollbackAction),
        typeof(ScaleHpaAction),
        typeof(SetResourcesAction),
        typeof(RestartAction),
        typeof(SetProbeAction),
        typeof(SetImageAction),
        typeof(CordonAction),
        typeof(DrainAction),
        typeof(CertRenewAction),
    ];
}
