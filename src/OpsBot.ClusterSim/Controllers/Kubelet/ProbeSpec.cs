using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>
/// A container's startup, liveness or readiness probe with Kubernetes' defaults (period 10 s, timeout 1 s, threshold
/// 3): its handler (httpGet, tcpSocket, grpc, exec), the port it resolves to (named ports through the container's
/// <c>ports</c>), the path or the command.
/// </summary>
public sealed record ProbeSpec(string Kind, string Target, int InitialDelaySeconds, int PeriodSeconds, int TimeoutSeconds, int FailureThreshold)
{
    /// <summary>The port the probe connects to; null for exec probes or a named port the container does not declare.</summary>
    public int? Port { get; init; }

    /// <summary>The port as written in the spec (a number or a name).</summary>
    public string PortText { get; init; } = "";

    public string Path { get; init; } = "/";

    /// <summary>The exec command, space-joined.</summary>
    public string Command { get; init; } = "";

    public static ProbeSpec? Parse(JsonNode? probe, JsonObject container, string podIp)
    {
        if (probe is not JsonObject p)
        {
            return null;
        }

        string kind;
        string target;
        string portText = "";
        var path = "/";
        var command = "";
        if (p["httpGet"] is JsonObject http)
        {
            kind = "http";
            var scheme = ((string?)http["scheme"] ?? "HTTP").ToLowerInvariant();
            portText = ResolvePort(http["port"], container);
            path = (string?)http["path"] ?? "/";
            target = $"{scheme}://{podIp}:{portText}{path}";
        }
        else if (p["tcpSocket"] is JsonObject tcp)
        {
            kind = "tcp";
            portText = ResolvePort(tcp["port"], container);
            target = $"{podIp}:{portText}";
        }
        else if (p["grpc"] is JsonObject grpc)
        {
            kind = "grpc";
            portText = ResolvePort(grpc["port"], container);
            target = $"{podIp}:{portText}";
        }
        else
        {
            kind = "exec";
            command = string.Join(' ', (p["exec"]?["command"] as JsonArray ?? []).Select(c => (string?)c));
            target = command;
        }

        return new ProbeSpec(
            kind,
            target,
            Int(p["initialDelaySeconds"], 0),
            Math.Max(1, Int(p["periodSeconds"], 10)),
            Math.Max(1, Int(p["timeoutSeconds"], 1)),
            Math.Max(1, Int(p["failureThreshold"], 3)))
        {
            Port = int.TryParse(portText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null,
            PortText = portText,
            Path = path,
            Command = command,
        };
    }

    /// <summary>The prober's output for an app that does not answer in time, as the kubelet words it.</summary>
    public string TimeoutOutput() => Kind switch
    {
        "http" => $"Get \"{Target}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)",
        "tcp" => $"dial tcp {Target}: i/o timeout",
        "grpc" => $"timeout: failed to connect service \"{Target}\" within {TimeoutSeconds}s: context deadline exceeded",
        _ => $"command \"{Command.Replace("\"", "\\\"", StringComparison.Ordinal)}\" timed out",
    };

    /// <summary>The prober's output when nothing listens on the port (not started yet, or the wrong port).</summary>
    public string RefusedOutput() => Kind switch
    {
        "http" => $"Get \"{Target}\": dial tcp {HostPort()}: connect: connection refused",
        "tcp" => $"dial tcp {Target}: connect: connection refused",
        "grpc" => $"timeout: failed to connect service \"{Target}\" within {TimeoutSeconds}s: context deadline exceeded",
        _ => "",
    };

    /// <summary>kubelet's http prober for a status outside 200–399.</summary>
    public static string StatusOutput(int statusCode) =>
        string.Create(CultureInfo.InvariantCulture, $"HTTP probe failed with statuscode: {statusCode}");

    private string HostPort()
    {
        var rest = Target[(Target.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? rest : rest[..slash];
    }

    private static string ResolvePort(JsonNode? port, JsonObject container)
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
