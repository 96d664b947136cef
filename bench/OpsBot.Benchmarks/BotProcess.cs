using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OpsBot.Benchmarks;

/// <summary>
/// The built OpsBot host (<c>src/OpsBot/bin/Release/net10.0/OpsBot.dll</c>) as its own process, pointed at a kubeconfig
/// and serving the console API on a free loopback port; its resident memory is read from <c>/proc</c>.
/// </summary>
internal sealed class BotProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _data;

    private BotProcess(Process process, Uri baseAddress, string data)
    {
        _process = process;
        BaseAddress = baseAddress;
        _data = data;
    }

    public Uri BaseAddress { get; }

    /// <summary>Starts <paramref name="dll"/> (default: <c>OPSBOT_BENCH_BUILD</c>'s <c>OpsBot.dll</c>, else this repository's Release build of the host).</summary>
    public static async Task<BotProcess> StartAsync(string kubeconfig, string context, string? dll = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        // OPSBOT_BENCH_BUILD: another build's output folder, to measure a before and an after on the same machine.
        dll ??= Path.Combine(Environment.GetEnvironmentVariable("OPSBOT_BENCH_BUILD") is { Length: > 0 } build ? build : Path.Combine(RepositoryRoot(), "src", "OpsBot", "bin", "Release", "net10.0"), "OpsBot.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build first (dotnet build OpsBot.sln -c Release).");
        }

        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("opsbot-bench-data-").FullName;
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data };
        start.ArgumentList.Add(dll);
        start.Environment["Kubernetes__Kubeconfig"] = kubeconfig;
        start.Environment["Kubernetes__Context"] = context;
        start.Environment["Console__Urls"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        start.Environment["Storage__DataDirectory"] = data;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"), data);
        using var http = new HttpClient { BaseAddress = bot.BaseAddress };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            try
            {
                using var ready = await http.GetAsync(new Uri("readyz", UriKind.Relative)).ConfigureAwait(false);
                if (ready.IsSuccessStatusCode)
                {
                    return bot;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        bot.Dispose();
        throw new InvalidOperationException("OpsBot did not become ready within 90 s.");
    }

    /// <summary>Resident set size (VmRSS) in MB.</summary>
    public double ResidentMegabytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpsBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OpsBot.sln above {AppContext.BaseDirectory}.");
    }
}
