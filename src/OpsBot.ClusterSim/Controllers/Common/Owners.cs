using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Common;

/// <summary>ownerReferences: who controls an object, and the reference a controller stamps on what it creates.</summary>
internal static class Owners
{
    public static string? ControllerUid(JsonObject obj) =>
        obj["metadata"]?["ownerReferences"] is JsonArray owners
            ? owners.OfType<JsonObject>().FirstOrDefault(o => JsonFields.Bool(o, "controller")) is { } owner ? JsonFields.Str(owner, "uid") : null
            : null;

    public static bool IsControlledBy(JsonObject obj, JsonObject owner) =>
        ControllerUid(obj) is { } uid && uid == ObjectMeta.Uid(owner);

    /// <summary>metav1.NewControllerRef: controller and blockOwnerDeletion true.</summary>
    public static JsonArray ControllerRef(JsonObject owner, string apiVersion, string kind) =>
    [
        new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["name"] = ObjectMeta.Name(owner),
            ["uid"] = ObjectMeta.Uid(owner),
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        },
    ];

    public static bool IsTerminating(JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    public static DateTimeOffset Created(JsonObject obj) => JsonFields.Time(obj["metadata"], "creationTimestamp") ?? DateTimeOffset.MinValue;
}
