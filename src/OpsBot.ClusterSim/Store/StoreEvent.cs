using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Store;

/// <summary>
/// One change in the store. <see cref="Object"/> (and <see cref="PreviousObject"/>, the object before a
/// modification, so that watchers can tell when it stopped or started matching a selector) are snapshots
/// shared by every subscriber: treat them as read-only (call <c>DeepClone()</c> before changing them).
/// </summary>
public sealed record StoreEvent(
    WatchEventType Type,
    GroupVersionResource Resource,
    string Namespace,
    string Name,
    long ResourceVersion,
    JsonObject Object,
    JsonObject? PreviousObject = null);
