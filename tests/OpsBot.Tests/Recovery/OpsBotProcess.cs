using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using OpsBot.Testing;

namespace OpsBot.Tests.Recovery;

/// <summary>
/// The built OpsBot host as its own OS process (<c>dotnet src/OpsBot/bin/&lt;Configuration&gt;/net10.0/OpsBot.dll</c>, the
/// configuration these tests were built in), serving the console API on a free loopback port, configured by environment
/// variables. <see cref="Kill"/> is a real SIGKILL: nothing in the process gets to clean up.
/// </summary>
internal sealed class OpsBotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _http;

    private OpsBotProcess(Process process, Uri baseAddress)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What the process wrote so far (for failure messages).</summary>
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

    /// <summary>The OpsBot.dll built alongside these tests (same configuration); fails with how to build it.</summary>
    public static string FindDll()
    {
        // …/tests/OpsBot.Tests/bin/<Configuration>/<tfm>/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (configuration, framework) = (output.Parent?.Name ?? "Release", output.Name);
        var bin = Path.Combine(RepositoryRoot.Find(), "src", "OpsBot", "bin");
        var dll = Path.Combine(bin, configuration, framework, "OpsBot.dll");
        if (File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
        {
            return dll;
        }

        throw new InvalidOperationException($"{dll} is missing: build the host in the tests' configuration (dotnet build OpsBot.sln -c {configuration}).");
    }

    /// <summary>
    /// Starts OpsBot with <paramref name="settings"/> (configuration keys, e.g. <c>Storage:DataDirectory</c>) and waits until
    /// /readyz answers; <paramref name="dll"/> runs another copy of the host than <see cref="FindDll"/>'s.
    /// </summary>
    public static async Task<OpsBotProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string workingDirectory, string? dll = null)
    {
        // A port free a moment ago can be taken meanwhile (the embedded simulator picks one too): try another.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortAsync(settings, workingDirectory, dll);
            }
            catch (InvalidOperationException busy) when (attempt < 3 && busy.Message.Contains("address already in use", StringComparison.Ordinal))
            {
                // Next attempt.
            }
        }
    }

    private static async Task<OpsBotProcess> StartOnFreePortAsync(IReadOnlyDictionary<string, string> settings, string workingDirectory, string? dll)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(dll ?? FindDll());
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["Console__Urls"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var bot = new OpsBotProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!timeout.IsCancellationRequested && !bot._process.HasExited)
        {
            try
            {
                using var ready = await bot._http.GetAsync(new Uri("readyz", UriKind.Relative), timeout.Token);
                if (ready.IsSuccessStatusCode)
                {
                    return bot;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, CancellationToken.None);
        }

        await bot.DisposeAsync();
        throw new InvalidOperationException("OpsBot did not become ready within 60 s:\n" + bot.Output);
    }

    /// <summary>Runs a console command as <paramref name="user"/>; the reply.</summary>
    public Task<JsonObject> CommandAsync(string text, string user) => PostAsync("api/console/commands", new { text, user, channel = "incident" });

    /// <summary>Presses a button as <paramref name="user"/>; the reply.</summary>
    public Task<JsonObject> PressAsync(string actionId, string value, string user) => PostAsync("api/console/actions", new { actionId, value, user, channel = "incident" });

    /// <summary>SIGKILL (Process.Kill on Unix): the process ends mid-step, with no shutdown of any kind.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task<JsonObject> PostAsync(string path, object body)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
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
