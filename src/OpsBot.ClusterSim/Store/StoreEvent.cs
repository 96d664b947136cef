using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Store;

/// <summary>
/// One change in the store. <see cref="Object"/> is a snapshot shared by every subscriber: treat it as
/// read-only (call <c>DeepClone()</c> before changing it).
/// </summary>
public sealed record StoreEvent(
    WatchEventType Type,
    GroupVersionResource Resource,
    string Namespace,
    string Name,
    long ResourceVersion,
    JsonObject Object);
