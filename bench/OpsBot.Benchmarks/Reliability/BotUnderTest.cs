using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OpsBot.Testing;

namespace OpsBot.Benchmarks.Reliability;

/// <summary>
/// The built OpsBot host (<c>src/OpsBot/bin/&lt;Configuration&gt;/net10.0/OpsBot.dll</c>) as its own OS process,
/// configured by environment variables, on a fixed loopback port so that a restarted process answers at the same
/// address. <see cref="Kill"/> is a real SIGKILL; <see cref="ResidentMegabytes"/> reads VmRSS from <c>/proc</c>.
/// </summary>
internal sealed class BotUnderTest : IAsyncDisposable
{
    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _workingDirectory;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public BotUnderTest(string dll, IReadOnlyDictionary<string, string> settings, string workingDirectory)
    {
        _dll = dll;
        _settings = settings;
        _workingDirectory = workingDirectory;
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}/");
    }

    public Uri BaseAddress { get; }

    /// <summary>How many times the process was started.</summary>
    public int Starts { get; private set; }

    /// <summary>Everything every process wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The host built in the caller's configuration (<c>…/bin/&lt;Configuration&gt;/net10.0/</c> of the benchmark or the tests).</summary>
    public static string FindDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent?.Name ?? "Release";
        var dll = Path.Combine(RepositoryRoot.Find(), "src", "OpsBot", "bin", configuration, output.Name, "OpsBot.dll");
        return File.Exists(dll)
            ? dll
            : throw new InvalidOperationException($"{dll} is missing: build the host first (dotnet build OpsBot.sln -c {configuration}).");
    }

    /// <summary>Starts a process and waits until <c>/readyz</c> answers 200.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _workingDirectory };
        start.ArgumentList.Add(_dll);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["Console__Urls"] = BaseAddress.AbsoluteUri.TrimEnd('/');
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        while (!process.HasExited)
        {
            try
            {
                using var ready = await http.GetAsync(new Uri(BaseAddress, "readyz"), timeout.Token).ConfigureAwait(false);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!timeout.IsCancellationRequested)
            {
                // A slow answer while the machine is busy: ask again.
            }

            await Task.Delay(100, timeout.Token).ConfigureAwait(false);
        }

        throw new InvalidOperationException("OpsBot exited before it was ready:\n" + Output);
    }

    /// <summary>SIGKILL: the process ends where it stands, with no shutdown of any kind.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>VmRSS of the running process in MB (0 when none runs).</summary>
    public double ResidentMegabytes()
    {
        if (_process is not { HasExited: false } process)
        {
            return 0;
        }

        try
        {
            var line = File.ReadLines($"/proc/{process.Id.ToString(CultureInfo.InvariantCulture)}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        if (_process is not null)
        {
            await _process.WaitForExitAsync().ConfigureAwait(false);
            _process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
