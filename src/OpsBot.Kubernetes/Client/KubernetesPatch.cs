using System.Text.Json.Nodes;

namespace OpsBot.Kubernetes;

/// <summary>The three patch flavours the API server accepts.</summary>
public enum PatchType
{
    /// <summary>RFC 6902 operations (<c>application/json-patch+json</c>).</summary>
    Json,

    /// <summary>RFC 7386 merge patch (<c>application/merge-patch+json</c>): lists are replaced whole.</summary>
    Merge,

    /// <summary>Kubernetes strategic merge (<c>application/strategic-merge-patch+json</c>): lists merge by their key (containers by name, …).</summary>
    StrategicMerge,
}

/// <summary>A patch body and its type. Patches change only what they name, unlike a whole-object PUT.</summary>
public sealed record KubernetesPatch(PatchType Type, string Body)
{
    public string ContentType => Type switch
    {
        PatchType.Json => "application/json-patch+json",
        PatchType.Merge => "application/merge-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, null),
    };

    public static KubernetesPatch Json(JsonArray operations) => new(PatchType.Json, operations.ToJsonString());

    public static KubernetesPatch Merge(JsonObject patch) => new(PatchType.Merge, patch.ToJsonString());

    public static KubernetesPatch StrategicMerge(JsonObject patch) => new(PatchType.StrategicMerge, patch.ToJsonString());
}
