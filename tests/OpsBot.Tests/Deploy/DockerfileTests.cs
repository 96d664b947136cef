using OpsBot.Testing;

namespace OpsBot.Tests.Deploy;

/// <summary>
/// The repository's Dockerfile, read without a Docker engine: two linters find nothing (and do find faults in a broken
/// one), and its structure is what the manifests rely on — SDK build and ASP.NET runtime stages pinned by tag, the
/// restore layer before the sources, a numeric non-root user equal to the pod's runAsUser, the port the probes use,
/// no HEALTHCHECK and no credential in the image.
/// </summary>
public sealed class DockerfileTests
{
    private static string DockerfilePath => Path.Combine(RepositoryRoot.Find(), "Dockerfile");

    private static IReadOnlyList<DockerInstruction> Instructions => DockerInstruction.Parse(File.ReadAllText(DockerfilePath));

    [Fact]
    public async Task Lint_RepositoryDockerfile_FindsNothing()
    {
        var (exitCode, output) = await DockerfileLint.RunAsync(DockerfilePath);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Issues: None found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_BrokenDockerfile_ReportsEachFault()
    {
        using var dir = new TempDirectory();
        var broken = dir.Write("Dockerfile", "FROM ubuntu:latest\nRUN apt-get install curl\nEXPOSE 80000\nCOPY onlyone\n");

        var (exitCode, output) = await DockerfileLint.RunAsync(broken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("COPY requires at least two arguments", output, StringComparison.Ordinal);
        Assert.Contains("Base images should not use the latest tag.", output, StringComparison.Ordinal);
        Assert.Contains("Invalid Port Exposed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_Stages_BuildOnTheSdkAndRunOnAspNetPinnedByTag()
    {
        var from = Instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments).ToList();

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0 AS build", "mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime"], from);
        var copies = Instructions.Where(i => i.Stage == 1 && i.Keyword == "COPY").Select(i => i.Arguments).ToList();
        Assert.Equal(["--from=build /app ./"], copies);
    }

    [Fact]
    public void Dockerfile_BuildStage_RestoresFromProjectFilesBeforeCopyingTheSources()
    {
        var build = Instructions.Where(i => i.Stage == 0).ToList();
        var restore = build.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        var sources = build.FindIndex(i => i.Keyword == "COPY" && i.Arguments.StartsWith("src/ ", StringComparison.Ordinal));
        var publish = build.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal));

        Assert.InRange(restore, 0, sources - 1);
        Assert.True(publish > sources);
        Assert.Contains("--no-restore", build[publish].Arguments, StringComparison.Ordinal);
        Assert.Contains("--configuration Release", build[publish].Arguments, StringComparison.Ordinal);
        // Every project the host references is restored from its own project file.
        var root = RepositoryRoot.Find();
        foreach (var project in Directory.GetFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, project).Replace('\\', '/');
            Assert.Contains(build.Take(restore), i => i.Keyword == "COPY" && i.Arguments.StartsWith(relative + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Dockerfile_RuntimeStage_RunsAsTheManifestsNonRootUserOnTheirPortWithoutHealthcheck()
    {
        var rendered = await RenderedManifests.OverlayAsync("single");
        var runtime = Instructions.Where(i => i.Stage == 1).ToList();

        var user = Assert.Single(runtime, i => i.Keyword == "USER").Arguments;
        Assert.Equal($"{rendered.PodSpec["securityContext"]!["runAsUser"]}:{rendered.PodSpec["securityContext"]!["runAsGroup"]}", user);
        Assert.DoesNotContain(Instructions, i => i.Keyword == "HEALTHCHECK");
        Assert.Equal($"{rendered.Container["ports"]![0]!["containerPort"]}", Assert.Single(runtime, i => i.Keyword == "EXPOSE").Arguments);
        Assert.Equal("""["dotnet", "OpsBot.dll"]""", Assert.Single(runtime, i => i.Keyword == "ENTRYPOINT").Arguments);
        Assert.Equal(runtime.Count - 1, runtime.FindIndex(i => i.Keyword == "ENTRYPOINT"));
        Assert.True(runtime.FindIndex(i => i.Keyword == "USER") > runtime.FindLastIndex(i => i.Keyword is "RUN" or "COPY"));

        var env = string.Join(' ', runtime.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));
        Assert.Contains("Console__Urls=http://+:8080", env, StringComparison.Ordinal);
        Assert.Contains("Storage__DataDirectory=/var/lib/opsbot", env, StringComparison.Ordinal);
        foreach (var word in new[] { "Token", "Secret", "Password", "ConnectionString", "ARG" })
        {
            Assert.DoesNotContain(word, env, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Instructions, i => i.Keyword == "ARG");
        Assert.Equal("/var/lib/opsbot", (string?)Assert.Single(rendered.Container["volumeMounts"]!.AsArray(), m => (string?)m!["name"] == "data")!["mountPath"]);
    }

    [Fact]
    public void DockerIgnore_BuildContext_HoldsWhatTheBuildCopiesAndNoLocalState()
    {
        var root = RepositoryRoot.Find();
        var patterns = File.ReadAllLines(Path.Combine(root, ".dockerignore")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var sources = Instructions.Where(i => i.Stage == 0 && i.Keyword == "COPY")
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .Select(source => source.TrimEnd('/'))
            .Select(source => source.StartsWith("src/", StringComparison.Ordinal) ? "src" : source)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.Equal("**", patterns[0]);
        foreach (var source in sources)
        {
            Assert.Contains("!" + source + (source == "src" ? "/" : ""), patterns);
            Assert.True(File.Exists(Path.Combine(root, source)) || Directory.Exists(Path.Combine(root, source)), $"the Dockerfile copies {source}, which is not in the repository");
        }

        foreach (var excluded in new[] { "src/**/bin/", "src/**/obj/", "src/**/data/", "src/**/*.db", "src/**/*.kubeconfig" })
        {
            Assert.Contains(excluded, patterns);
        }
    }
}
