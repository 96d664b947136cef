using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Patching;

/// <summary>
/// Kubernetes strategic merge patch, from a table of merge keys instead of Go struct tags: lists with a
/// merge key (containers, env, volumes… by <c>name</c>; ports by <c>containerPort</c>/<c>port</c>; conditions by
/// <c>type</c>) merge item by item, other lists are replaced; <c>$patch: delete|replace</c>, <c>$retainKeys</c>,
/// <c>$deleteFromPrimitiveList/…</c> and <c>$setElementOrder/…</c> (ignored) are understood.
/// https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md
/// </summary>
public static class StrategicMergePatch
{
    private const string Directive = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";
    private const string SetElementOrder = "$setElementOrder/";

    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["imagePullSecrets"] = "name",
        ["resourceClaims"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["conditions"] = "type",
        ["addresses"] = "type",
        ["ownerReferences"] = "uid",
        ["topologySpreadConstraints"] = "topologyKey",
        ["hostAliases"] = "ip",
    };

    /// <summary>Primitive lists whose patch strategy is merge (a set union).</summary>
    private static readonly HashSet<string> MergedPrimitiveLists = new(StringComparer.Ordinal) { "finalizers" };

    public static JsonNode? Apply(JsonNode? original, JsonNode? patch)
    {
        if (patch is not JsonObject)
        {
            throw new PatchException("strategic merge patch must be a JSON object", malformed: true);
        }

        return Merge(original, patch);
    }

    private static JsonNode? Merge(JsonNode? original, JsonNode? patch)
    {
        if (patch is not JsonObject p)
        {
            return patch?.DeepClone();
        }

        var directive = p[Directive] is JsonValue d && d.TryGetValue<string>(out var s) ? s : null;
        if (directive == "replace")
        {
            var rest = p.DeepClone().AsObject();
            rest.Remove(Directive);
            return Merge(null, rest);
        }

        var result = original is JsonObject o ? o.DeepClone().AsObject() : [];
        if (p[RetainKeys] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var key in result.Select(x => x.Key).Where(k => !keep.Contains(k)).ToList())
            {
                result.Remove(key);
            }
        }

        foreach (var (key, value) in p)
        {
            if (key.StartsWith('$'))
            {
                continue;
            }

            if (value is null || (value is JsonObject vo && vo[Directive]?.GetValue<string>() == "delete"))
            {
                result.Remove(key);
            }
            else if (value is JsonArray list)
            {
                result[key] = MergeList(key, result[key] as JsonArray, list);
            }
            else
            {
                result[key] = Merge(result[key], value);
            }
        }

        foreach (var (key, value) in p)
        {
            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal) && value is JsonArray removals
                && result[key[DeleteFromPrimitiveList.Length..]] is JsonArray target)
            {
                foreach (var item in target.Where(t => removals.Any(r => JsonNode.DeepEquals(r, t))).ToList())
                {
                    target.Remove(item);
                }
            }
            else if (key.StartsWith('$') && key != Directive && key != RetainKeys && !key.StartsWith(SetElementOrder, StringComparison.Ordinal)
                && !key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                throw new PatchException($"unknown patch directive key: {key}", malformed: true);
            }
        }

        return result;
    }

    private static JsonArray MergeList(string field, JsonArray? original, JsonArray patch)
    {
        if (patch.Any(i => i is JsonObject io && io[Directive]?.GetValue<string>() == "replace"))
        {
            return [.. patch.Where(i => !(i is JsonObject io && io[Directive]?.GetValue<string>() == "replace")).Select(i => Merge(null, i))];
        }

        var mergeKey = MergeKeys.GetValueOrDefault(field);
        if (field == "ports")
        {
            mergeKey = patch.Concat(original ?? []).Any(i => i is JsonObject io && io.ContainsKey("containerPort")) ? "containerPort" : "port";
        }

        if (mergeKey is null)
        {
            if (MergedPrimitiveLists.Contains(field))
            {
                var union = original?.DeepClone().AsArray() ?? [];
                foreach (var item in patch.Where(i => !union.Any(u => JsonNode.DeepEquals(u, i))))
                {
                    union.Add(item?.DeepClone());
                }

                return union;
            }

            return [.. patch.Where(i => !(i is JsonObject io && io.ContainsKey(Directive))).Select(i => Merge(null, i))];
        }

        var result = original?.DeepClone().AsArray() ?? [];
        foreach (var item in patch)
        {
            if (item is not JsonObject io)
            {
                result.Add(item?.DeepClone());
                continue;
            }

            var keyValue = io[mergeKey];
            var index = IndexOf(result, mergeKey, keyValue);
            if (io[Directive]?.GetValue<string>() == "delete")
            {
                while (index >= 0)
                {
                    result.RemoveAt(index);
                    index = IndexOf(result, mergeKey, keyValue);
                }

                continue;
            }

            if (index >= 0)
            {
                result[index] = Merge(result[index], io);
            }
            else
            {
                result.Add(Merge(null, io));
            }
        }

        return result;
    }

    private static int IndexOf(JsonArray list, string mergeKey, JsonNode? keyValue)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject o && JsonNode.DeepEquals(o[mergeKey], keyValue))
            {
                return i;
            }
        }

        return -1;
    }
}
