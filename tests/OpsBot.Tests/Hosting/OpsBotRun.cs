using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OpsBot.Testing;

namespace OpsBot.Tests.Hosting;

/// <summary>
/// The built host started as its own process the way README.md runs it (<c>dotnet run --project src/OpsBot</c>, already
/// built: <c>--no-build</c>), with extra environment variables and arguments, a private data folder, and its standard
/// output and error kept apart.
/// </summary>
internal sealed class OpsBotRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TempDirectory _data;

    private OpsBotRun(Process process, TempDirectory data)
    {
        _process = process;
        _data = data;
        process.OutputDataReceived += (_, line) => Append(_stdout, line.Data);
        process.ErrorDataReceived += (_, line) => Append(_stderr, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string StandardOutput => Read(_stdout);

    public string StandardError => Read(_stderr);

    public bool HasExited => _process.HasExited;

    public static OpsBotRun Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var data = new TempDirectory();
        var configuration = new DirectoryInfo(Path.GetDirectoryName(OpsBotProcess.FindDll())!).Parent!.Name;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Find(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["run", "--project", "src/OpsBot", "-c", configuration, "--no-build", "--", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["Storage__DataDirectory"] = data.Path;
        start.Environment["Simulator__Speed"] = "0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new OpsBotRun(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), data);
    }

    /// <summary>The exit code once the process ended; fails (and kills it) when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            throw new TimeoutException($"OpsBot was still running after {timeout.TotalSeconds:0} s.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }

        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _data.Dispose();
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
