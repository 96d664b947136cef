namespace OpsBot.Testing;

/// <summary>Finds the repository root (the folder holding OpsBot.sln) from the test's output folder.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Find() => Root.Value;

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpsBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"OpsBot.sln not found above {AppContext.BaseDirectory}.");
    }
}
