namespace OpsBot.Benchmarks;

/// <summary>The bench modes' command-line options (<c>--name value</c>).</summary>
internal static class BenchArgs
{
    /// <summary>The value after <paramref name="name"/>, or <see langword="null"/> when it is not given.</summary>
    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
