using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace OpsBot.Testing;

/// <summary>
/// The built OpsBot host (<c>dotnet src/OpsBot/bin/&lt;Configuration&gt;/net10.0/OpsBot.dll</c>) as its own OS process,
/// configured by environment variables like production, serving on a free loopback port (kept across
/// <see cref="RestartAsync"/>, so that a restarted process answers at the same address). Without a
/// <c>Storage:DataDirectory</c> setting it gets a temp folder of its own, deleted on dispose. <see cref="Kill"/> is a real
/// SIGKILL; <see cref="ResidentMegabytes"/> reads VmRSS from <c>/proc</c>. The one starter of the host for the tests and the
/// benchmarks.
/// </summary>
public sealed class OpsBotProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly OpsBotProcessOptions _options;
    private readonly string _dll;
    private readonly string _workingDirectory;
    private readonly TempDirectory? _ownData;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _console;
    private Process? _process;

    private OpsBotProcess(IReadOnlyDictionary<string, string> settings, OpsBotProcessOptions options)
    {
        _options = options;
        _dll = options.Dll ?? FindDll();
        _environment = settings.ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value, StringComparer.Ordinal);
        if (!_environment.TryGetValue("Storage__DataDirectory", out var data))
        {
            _ownData = new TempDirectory();
            data = _environment["Storage__DataDirectory"] = _ownData.Path;
        }

        DataDirectory = data;
        _workingDirectory = options.WorkingDirectory ?? data;
        BaseAddress = NewAddress();
        _console = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The loopback address the host serves on (console API, Slack and Teams endpoints, <c>/readyz</c>).</summary>
    public Uri BaseAddress { get; private set; }

    /// <summary>The host's <c>Storage:DataDirectory</c>.</summary>
    public string DataDirectory { get; }

    /// <summary>How many times a process was started.</summary>
    public int Starts { get; private set; }

    /// <summary>Everything every process wrote so far (standard output and error, for reports and failure messages).</summary>
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

    /// <summary>
    /// The OpsBot.dll built in <paramref name="configuration"/> (default: the caller's own, from its output folder
    /// <c>…/bin/&lt;Configuration&gt;/&lt;tfm&gt;/</c>); fails with how to build it.
    /// </summary>
    public static string FindDll(string? configuration = null)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        configuration ??= output.Parent?.Name ?? "Release";
        var dll = Path.Combine(RepositoryRoot.Find(), "src", "OpsBot", "bin", configuration, "net10.0", "OpsBot.dll");
        return File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json"))
            ? dll
            : throw new InvalidOperationException($"{dll} is missing: build the host first (dotnet build OpsBot.sln -c {configuration}).");
    }

    /// <summary>
    /// Starts the host with <paramref name="settings"/> (configuration keys such as <c>Slack:BotToken</c>) and waits until
    /// <c>/readyz</c> answers 200. A port taken between its choice and the start is replaced by another.
    /// </summary>
    public static async Task<OpsBotProcess> StartAsync(IReadOnlyDictionary<string, string> settings, OpsBotProcessOptions? options = null, CancellationToken cancellationToken = default)
    {
        var bot = new OpsBotProcess(settings, options ?? new OpsBotProcessOptions());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await bot.RestartAsync(cancellationToken).ConfigureAwait(false);
                return bot;
            }
            catch (InvalidOperationException busy) when (attempt < 3 && busy.Message.Contains("address already in use", StringComparison.Ordinal))
            {
                // The embedded simulator or another process took the port meanwhile: try another.
                bot.BaseAddress = NewAddress();
            }
            catch
            {
                await bot.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Starts a new process at the same address (after <see cref="Kill"/>) and waits until it is ready.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("OpsBot is still running: kill it first.");
        }

        _process?.Dispose();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _workingDirectory };
        start.ArgumentList.Add(_dll);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["Console__Urls"] = BaseAddress.AbsoluteUri.TrimEnd('/');
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) =>
        {
            Append(line.Data);
            if (line.Data is not null)
            {
                _options.StandardErrorLine?.Invoke(line.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        await WaitUntilReadyAsync(process, cancellationToken).ConfigureAwait(false);
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

    /// <summary>CPU time the running process has used so far (user + system): what a command costs it, whatever else loads the machine.</summary>
    public TimeSpan ProcessorTime()
    {
        if (_process is not { HasExited: false } process)
        {
            return TimeSpan.Zero;
        }

        process.Refresh();
        return process.TotalProcessorTime;
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

    /// <summary>Runs a console command as <paramref name="user"/> in channel <c>incident</c>; the reply.</summary>
    public Task<JsonObject> CommandAsync(string text, string user, CancellationToken cancellationToken = default) =>
        PostAsync("api/console/commands", new { text, user, channel = "incident" }, cancellationToken);

    /// <summary>Presses a button as <paramref name="user"/> in channel <c>incident</c>; the reply.</summary>
    public Task<JsonObject> PressAsync(string actionId, string value, string user, CancellationToken cancellationToken = default) =>
        PostAsync("api/console/actions", new { actionId, value, user, channel = "incident" }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _console.Dispose();
        Kill();
        if (_process is not null)
        {
            await _process.WaitForExitAsync().ConfigureAwait(false);
            _process.Dispose();
        }

        _ownData?.Dispose();
    }

    private async Task WaitUntilReadyAsync(Process process, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ReadyTimeout);
        while (!process.HasExited && !timeout.IsCancellationRequested)
        {
            try
            {
                using var ready = await _console.GetAsync(new Uri(BaseAddress, "readyz"), timeout.Token).ConfigureAwait(false);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
            {
                // A slow answer while the machine is busy: ask again.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await Task.Delay(100, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        Kill();
        throw new InvalidOperationException(process.HasExited
            ? "OpsBot exited before it was ready:\n" + Output
            : $"OpsBot did not become ready within {_options.ReadyTimeout.TotalSeconds:0} s:\n{Output}");
    }

    private async Task<JsonObject> PostAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await _console.PostAsJsonAsync(new Uri(BaseAddress, path), body, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false))!;
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

    private static Uri NewAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}/");
    }
}
