using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Storage;

/// <summary>StorageClass facts the volume controllers need (storageutil).</summary>
internal static class StorageClasses
{
    public const string DefaultAnnotation = "storageclass.kubernetes.io/is-default-class";
    public const string BetaDefaultAnnotation = "storageclass.beta.kubernetes.io/is-default-class";
    public const string NoProvisioner = "kubernetes.io/no-provisioner";

    public static bool IsDefault(JsonObject storageClass) =>
        ObjectMeta.Annotation(storageClass, DefaultAnnotation) == "true" || ObjectMeta.Annotation(storageClass, BetaDefaultAnnotation) == "true";

    /// <summary>The default class (the newest one when several claim to be), or null.</summary>
    public static JsonObject? Default(IEnumerable<JsonObject> classes) =>
        classes.Where(IsDefault).OrderByDescending(Owners.Created).ThenBy(ObjectMeta.Name, StringComparer.Ordinal).FirstOrDefault();

    public static bool IsWaitForFirstConsumer(JsonObject? storageClass) =>
        JsonFields.Str(storageClass, "volumeBindingMode") == "WaitForFirstConsumer";

    public static string Provisioner(JsonObject storageClass) => JsonFields.Str(storageClass, "provisioner") ?? "";

    public static string ReclaimPolicy(JsonObject storageClass) => JsonFields.Str(storageClass, "reclaimPolicy") ?? "Delete";
}
