namespace OpsBot.ClusterSim.Api.Tables;

/// <summary>A <c>meta.k8s.io/v1 TableColumnDefinition</c>; priority 0 columns always show, others only with <c>-o wide</c>.</summary>
public sealed record TableColumn(string Name, string Type = "string", int Priority = 0, string Format = "", string Description = "");
