namespace OpsBot.Testing;

/// <summary>
/// Locates <c>../shared/fixtures</c> beside the repository. The fixtures are read in place, never
/// copied into the repo; when they are missing the test fails (it never skips), so CI cannot go
/// green without them.
/// </summary>
public static class SharedFixtures
{
    private static readonly Lazy<string> Root = new(Locate);

    /// <summary>The absolute path of the fixtures folder.</summary>
    public static string Directory => Root.Value;

    /// <summary>The absolute path of one fixture, e.g. <c>Path("k8s", "pod-evicted.yaml")</c>.</summary>
    public static string PathOf(params string[] parts)
    {
        var path = System.IO.Path.Combine([Directory, .. parts]);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Shared fixture '{string.Join('/', parts)}' is missing at {path}.", path);
        }

        return path;
    }

    /// <summary>The text of one fixture.</summary>
    public static string ReadText(params string[] parts) => File.ReadAllText(PathOf(parts));

    /// <summary>Every file of a fixture folder with the given extension, sorted by name.</summary>
    public static IReadOnlyList<string> Files(string folder, string extension) =>
        [.. System.IO.Directory.GetFiles(System.IO.Path.Combine(Directory, folder), "*" + extension).Order(StringComparer.Ordinal)];

    private static string Locate()
    {
        var repoRoot = RepositoryRoot.Find();
        var fixtures = System.IO.Path.GetFullPath(System.IO.Path.Combine(repoRoot, "..", "shared", "fixtures"));
        if (!System.IO.Directory.Exists(fixtures))
        {
            throw new DirectoryNotFoundException(
                $"The shared fixtures folder is missing: expected {fixtures} (../shared/fixtures beside the repository). " +
                "Tests read real Kubernetes objects and Slack's signing vector from it; they fail rather than skip without it.");
        }

        return fixtures;
    }
}
