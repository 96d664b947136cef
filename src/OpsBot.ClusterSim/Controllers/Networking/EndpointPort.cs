namespace OpsBot.ClusterSim.Controllers.Networking;

/// <summary>A Service port resolved on one pod: the Service port's name and protocol, the pod's port number.</summary>
internal sealed record EndpointPort(string Name, int Port, string Protocol, string? AppProtocol);
