using System.Text.Json;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Serialization;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Replays;

/// <summary>
/// A recorded cluster state, read from a file or a folder: <c>kubectl get … -A -o yaml|json</c> output (a List or
/// several documents) in every <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> file (sub-folders too, in name order);
/// metrics.k8s.io PodMetrics/NodeMetrics among them; container logs at <c>logs/NAMESPACE/POD/CONTAINER.log</c> and
/// <c>CONTAINER.previous.log</c>. What <c>tools/dump-cluster.sh</c> writes.
/// </summary>
public sealed class ClusterDump
{
    private ClusterDump(string source, IReadOnlyList<JsonObject> objects, IReadOnlyList<JsonObject> metrics, IReadOnlyList<DumpLog> logs)
    {
        Source = source;
        Objects = objects;
        Metrics = metrics;
        Logs = logs;
        DateTimeOffset? newest = null;
        foreach (var obj in objects.Concat(metrics))
        {
            newest = DumpTimestamps.Later(newest, DumpTimestamps.Newest(obj));
        }

        foreach (var line in logs.SelectMany(l => l.Lines))
        {
            newest = DumpTimestamps.Later(newest, line.Timestamp);
        }

        NewestTimestamp = newest;
    }

    /// <summary>The file or folder the dump was read from.</summary>
    public string Source { get; }

    /// <summary>The API objects, each with its apiVersion and kind (list items get them from their list).</summary>
    public IReadOnlyList<JsonObject> Objects { get; }

    /// <summary>The metrics.k8s.io PodMetrics and NodeMetrics.</summary>
    public IReadOnlyList<JsonObject> Metrics { get; }

    public IReadOnlyList<DumpLog> Logs { get; }

    /// <summary>The newest time the dump records (see <see cref="DumpTimestamps"/>): where a replay's clock starts by default.</summary>
    public DateTimeOffset? NewestTimestamp { get; }

    /// <summary>Reads a dump. Throws <see cref="FileNotFoundException"/> for a missing path, <see cref="FormatException"/> (naming the file) for malformed YAML or JSON.</summary>
    public static ClusterDump Read(string path)
    {
        var full = Path.GetFullPath(path);
        IReadOnlyList<string> files;
        string? logsFolder = null;
        if (File.Exists(full))
        {
            files = [full];
        }
        else if (Directory.Exists(full))
        {
            logsFolder = Path.Combine(full, "logs");
            files = [.. Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                .Where(f => Path.GetExtension(f) is ".yaml" or ".yml" or ".json")
                .Where(f => !f.StartsWith(logsFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)];
        }
        else
        {
            throw new FileNotFoundException($"no cluster dump at {path} (a file or a folder of kubectl get -o yaml|json output)", path);
        }

        var objects = new List<JsonObject>();
        var metrics = new List<JsonObject>();
        foreach (var file in files)
        {
            foreach (var obj in ReadDocuments(file).SelectMany(d => Flatten(d)))
            {
                (DumpMetrics.IsMetrics(obj) ? metrics : objects).Add(obj);
            }
        }

        return new ClusterDump(full, objects, metrics, logsFolder is null ? [] : ReadLogs(logsFolder));
    }

    private static IEnumerable<JsonNode> ReadDocuments(string file)
    {
        var text = File.ReadAllText(file);
        try
        {
            return Path.GetExtension(file) == ".json" && JsonNode.Parse(text) is { } json ? [json] : YamlToJson.ConvertDocuments(text);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new FormatException($"{file}: {e.Message}", e);
        }
    }

    /// <summary>The items of a List (<c>kind: List</c>, <c>PodList</c> …; items without kind get the list's), or the object itself.</summary>
    private static IEnumerable<JsonObject> Flatten(JsonNode document, string? apiVersion = null, string? kind = null)
    {
        if (document is not JsonObject obj)
        {
            yield break;
        }

        if (apiVersion is not null && ObjectMeta.GetString(obj, "apiVersion") is null)
        {
            obj["apiVersion"] = apiVersion;
        }

        if (kind is not null && ObjectMeta.GetString(obj, "kind") is null)
        {
            obj["kind"] = kind;
        }

        var objKind = ObjectMeta.GetString(obj, "kind") ?? "";
        if (objKind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items)
        {
            var itemKind = objKind == "List" ? null : objKind[..^"List".Length];
            var itemApiVersion = objKind == "List" ? null : ObjectMeta.GetString(obj, "apiVersion");
            foreach (var item in items.ToList())
            {
                items.Remove(item);
                foreach (var inner in Flatten(item!, itemApiVersion, itemKind))
                {
                    yield return inner;
                }
            }

            yield break;
        }

        if (objKind.Length > 0 && objKind != "Status")
        {
            yield return obj;
        }
    }

    private static List<DumpLog> ReadLogs(string folder)
    {
        var logs = new List<DumpLog>();
        if (!Directory.Exists(folder))
        {
            return logs;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.log", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, file).Split(Path.DirectorySeparatorChar);
            if (relative.Length != 3)
            {
                continue;
            }

            var name = relative[2][..^".log".Length];
            var previous = name.EndsWith(".previous", StringComparison.Ordinal);
            var container = previous ? name[..^".previous".Length] : name;
            logs.Add(new DumpLog(relative[0], relative[1], container, previous, LogFileReader.Read(File.ReadAllText(file))));
        }

        return logs;
    }
}
