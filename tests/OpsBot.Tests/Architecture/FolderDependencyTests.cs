using System.Text.RegularExpressions;
using OpsBot.Testing;

namespace OpsBot.Tests.Architecture;

/// <summary>
/// One home per concern (DESIGN.md, "The host's rooms"): no two top-level folders of src/OpsBot import each other,
/// directly or around a loop. A folder "imports" another when any of its files names that folder's namespace
/// (<c>using OpsBot.Chat;</c>, <c>OpsBot.Chat.Delivery.IClaimStore</c>); the namespace follows the folder, which the
/// second test holds, so a file cannot hide a dependency behind a namespace that is not its folder's.
/// </summary>
public sealed partial class FolderDependencyTests : IDisposable
{
    private static readonly string Host = Path.Combine(RepositoryRoot.Find(), "src", "OpsBot");
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "opsbot-folders-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void HostFolders_HaveNoImportLoops()
    {
        var graph = HostFolderGraph.Read(Host);

        var loops = graph.Loops();

        Assert.True(loops.Count == 0, "Top-level folders of src/OpsBot import each other in a loop (DESIGN.md, \"The host's rooms\"):\n" + string.Join('\n', loops.Select(graph.Describe)));
    }

    [Fact]
    public void HostSources_NamespaceFollowsTopLevelFolder()
    {
        var strays = HostFolderGraph.Folders(Host)
            .SelectMany(folder => HostFolderGraph.SourceFiles(Path.Combine(Host, folder)).Select(file => (folder, file)))
            .Select(entry => (entry.folder, entry.file, ns: NamespaceDeclaration().Match(File.ReadAllText(entry.file)).Groups[1].Value))
            .Where(entry => entry.ns != "OpsBot." + entry.folder && !entry.ns.StartsWith("OpsBot." + entry.folder + ".", StringComparison.Ordinal))
            .Select(entry => $"{Path.GetRelativePath(Host, entry.file)}: namespace \"{entry.ns}\", expected OpsBot.{entry.folder}[.…]")
            .ToList();

        Assert.True(strays.Count == 0, "Files whose namespace is not their folder's:\n" + string.Join('\n', strays));
    }

    [Fact]
    public void Loops_TwoFoldersNamingEachOther_AreNamedWithTheFilesThatMakeThem()
    {
        Write("Chat/Delivery/ChatNotifier.cs", "using OpsBot.Storage;\nnamespace OpsBot.Chat.Delivery;\n");
        Write("Storage/SqlStore.cs", "namespace OpsBot.Storage;\n/// <see cref=\"OpsBot.Chat.Delivery.IClaimStore\"/>\n");
        Write("Audit/AuditEntry.cs", "using OpsBot.Chat;\nnamespace OpsBot.Audit;\n");

        var graph = HostFolderGraph.Read(_scratch);
        var loop = Assert.Single(graph.Loops());

        Assert.Equal(["Chat", "Storage", "Chat"], loop);
        Assert.Equal("Chat -> Storage -> Chat (Chat/Delivery/ChatNotifier.cs names Storage; Storage/SqlStore.cs names Chat)", graph.Describe(loop));
    }

    [Fact]
    public void Loops_AroundThreeFolders_AreReportedOnceFromTheSmallestName()
    {
        Write("Commands/A.cs", "using OpsBot.Simulation;\nnamespace OpsBot.Commands;\n");
        Write("Simulation/B.cs", "using OpsBot.Hosting.Options;\nnamespace OpsBot.Simulation;\n");
        Write("Hosting/C.cs", "namespace OpsBot.Hosting;\nstatic class C { static object D => OpsBot.Commands.X.Y; }\n");
        Write("bin/Release/Ignored.cs", "using OpsBot.Commands;\n");

        var loops = HostFolderGraph.Read(_scratch).Loops();

        Assert.Equal([["Commands", "Simulation", "Hosting", "Commands"]], loops);
    }

    [Fact]
    public void Loops_OwnNamespaceAndOtherAssemblies_AreNoEdges()
    {
        Write("Chat/Slack/SlackInbound.cs", "using OpsBot.Kubernetes;\nusing OpsBot.Workflows;\nnamespace OpsBot.Chat.Slack;\n");
        Write("Storage/Store.cs", "using OpsBot.Chat;\nnamespace OpsBot.Storage;\n");

        var graph = HostFolderGraph.Read(_scratch);

        Assert.Empty(graph.Loops());
        Assert.Equal(["Chat"], graph.Edges["Storage"].Keys);
        Assert.Empty(graph.Edges["Chat"]);
    }

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    private void Write(string relativePath, string text)
    {
        var path = Path.Combine(_scratch, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();
}
