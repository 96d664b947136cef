using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>A container's liveness or readiness probe with Kubernetes' defaults (period 10 s, timeout 1 s, threshold 3).</summary>
public sealed record ProbeSpec(string Kind, string Target, int InitialDelaySeconds, int PeriodSeconds, int TimeoutSeconds, int FailureThreshold)
{
    public static ProbeSpec? Parse(JsonNode? probe, JsonObject container, string podIp)
    {
        if (probe is not JsonObject p)
        {
            return null;
        }

        string kind;
        string target;
        if (p["httpGet"] is JsonObject http)
        {
            kind = "http";
            var scheme = ((string?)http["scheme"] ?? "HTTP").ToLowerInvariant();
            target = $"{scheme}://{podIp}:{Port(http["port"], container)}{(string?)http["path"] ?? "/"}";
        }
        else if (p["tcpSocket"] is JsonObject tcp)
        {
            kind = "tcp";
            target = $"{podIp}:{Port(tcp["port"], container)}";
        }
        else if (p["grpc"] is JsonObject grpc)
        {
            kind = "grpc";
            target = $"{podIp}:{Port(grpc["port"], container)}";
        }
        else
        {
            kind = "exec";
            target = string.Join(' ', (p["exec"]?["command"] as JsonArray ?? []).Select(c => (string?)c));
        }

        return new ProbeSpec(
            kind,
            target,
            Int(p["initialDelaySeconds"], 0),
            Math.Max(1, Int(p["periodSeconds"], 10)),
            Math.Max(1, Int(p["timeoutSeconds"], 1)),
            Math.Max(1, Int(p["failureThreshold"], 3)));
    }

    /// <summary>The prober's output for an app that does not answer in time (or not at all yet), as the kubelet words it.</summary>
    public string FailureOutput(bool listening) => (Kind, listening) switch
    {
        ("http", true) => $"Get \"{Target}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)",
        ("http", false) => $"Get \"{Target}\": dial tcp {HostPort()}: connect: connection refused",
        ("tcp", true) => $"dial tcp {Target}: i/o timeout",
        ("tcp", false) => $"dial tcp {Target}: connect: connection refused",
        ("grpc", _) => $"timeout: failed to connect service \"{Target}\" within {TimeoutSeconds}s: context deadline exceeded",
        _ => $"command timed out: \"{Target}\" timed out after {TimeoutSeconds}s",
    };

    private string HostPort()
    {
        var rest = Target[(Target.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? rest : rest[..slash];
    }

    private static string Port(JsonNode? port, JsonObject container)
    {
        var text = port is JsonValue v && v.TryGetValue<string>(out var s) ? s : port?.ToJsonString() ?? "";
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            return text;
        }

        var named = (container["ports"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(p => (string?)p["name"] == text);
        return named?["containerPort"]?.ToJsonString() ?? text;
    }

    private static int Int(JsonNode? node, int fallback) =>
        node is JsonValue v && int.TryParse(v.ToJsonString().Trim('"'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;
}
