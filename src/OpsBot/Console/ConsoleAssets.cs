using System.Collections.Concurrent;

namespace OpsBot.Console;

/// <summary>The console's page, script and styles, embedded in the assembly (no files to deploy).</summary>
internal static class ConsoleAssets
{
    private static readonly ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.Ordinal);

    public static IResult Serve(string name)
    {
        var bytes = Cache.GetOrAdd(name, Load);
        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "application/octet-stream",
        };
        return Results.Bytes(bytes, type);
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream("wwwroot/" + name)
            ?? throw new InvalidOperationException($"Embedded console asset {name} is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
