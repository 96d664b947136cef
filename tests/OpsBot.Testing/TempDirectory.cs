namespace OpsBot.Testing;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("opsbot-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes a file (creating folders) and returns its absolute path.</summary>
    public string Write(string relativePath, string content)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes an executable script (mode 0755) and returns its absolute path.</summary>
    public string WriteScript(string relativePath, string content)
    {
        var path = Write(relativePath, content);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Test scripts are bash scripts; run the tests on Linux or macOS.");
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a plugin process may still hold a file.
        }
    }
}
