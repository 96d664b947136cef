namespace OpsBot.Triage.Analyzers;

/// <summary>What a runtime writes when it runs out of memory.</summary>
public static class RuntimeSignatures
{
    /// <summary><c>node</c>, <c>jvm</c> or null: which heap ran out, from the log line.</summary>
    public static string? HeapExhaustion(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Contains("JavaScript heap out of memory", StringComparison.Ordinal) || line.Contains("Ineffective mark-compacts", StringComparison.Ordinal))
        {
            return "node";
        }

        return line.Contains("java.lang.OutOfMemoryError", StringComparison.Ordinal) ? "jvm" : null;
    }

    /// <summary>The runtime a container runs, from its command, args, env and image (<c>node</c>, <c>jvm</c> or null).</summary>
    public static string? RuntimeOf(k8s.Models.V1Container? container)
    {
        if (container is null)
        {
            return null;
        }

        var env = container.Env?.Select(e => e.Name ?? string.Empty).ToList() ?? [];
        if (env.Contains("NODE_OPTIONS") || container.Image?.Contains("node", StringComparison.OrdinalIgnoreCase) == true)
        {
            return "node";
        }

        return env.Contains("JAVA_TOOL_OPTIONS") || env.Contains("JAVA_OPTS") || container.Image?.Contains("java", StringComparison.OrdinalIgnoreCase) == true || container.Image?.Contains("jdk", StringComparison.OrdinalIgnoreCase) == true
            ? "jvm"
            : null;
    }
}
