namespace OpsBot.ClusterSim.Controllers.Autoscaling;

/// <summary>A <c>behavior.scaleUp|scaleDown.policies[]</c> item: <c>Pods</c> or <c>Percent</c> per period.</summary>
internal sealed record ScalingPolicy(string Type, int Value, int PeriodSeconds);
