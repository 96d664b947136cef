using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Patching;

/// <summary>RFC 7386 JSON Merge Patch: objects merge, null deletes, everything else replaces. https://www.rfc-editor.org/rfc/rfc7386</summary>
public static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject o ? o.DeepClone().AsObject() : [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = Apply(result[key], value);
            }
        }

        return result;
    }
}
