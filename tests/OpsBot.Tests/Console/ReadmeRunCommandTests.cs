using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using OpsBot.Testing;

namespace OpsBot.Tests.Console;

/// <summary>
/// A newcomer's first command, taken from README.md and run as a real process: it must start on the
/// embedded default (no credentials) and serve the console. The test adds only what a shared test
/// machine needs: the already-built configuration (<c>--no-build</c>), a free port and a private data folder.
/// </summary>
public sealed partial class ReadmeRunCommandTests
{
    [Fact]
    public async Task ReadmeRunCommand_StartsAndServesConsole()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "README.md"));
        var command = RunCommand().Match(readme);
        Assert.True(command.Success, "README.md must give the run command in a bash block under '## Run it'.");
        Assert.Equal("dotnet run --project src/OpsBot", command.Groups[1].Value.Trim());

        using var data = new TempDirectory();
        var port = FreePort();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Find(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["run", "--project", "src/OpsBot", "-c", configuration, "--no-build", "--", $"--Console:Urls=http://127.0.0.1:{port}", $"--Storage:DataDirectory={data.Path}"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var page = await WaitForPageAsync(http, process, TimeSpan.FromSeconds(90));

            Assert.True(page is not null, $"OpsBot did not serve the console within 90 s. Output:\n{output}");
            Assert.Contains("<title>OpsBot console</title>", page, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(data.Path, "simulator.kubeconfig")), "the simulator's kubeconfig was not written");
            lock (output)
            {
                Assert.Contains("kubectl get pods -A", output.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<string?> WaitForPageAsync(HttpClient http, Process process, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("/");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"## Run it\s+```bash\s*\n([^\n]+)\n```")]
    private static partial Regex RunCommand();
}
