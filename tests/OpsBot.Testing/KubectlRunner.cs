using System.Diagnostics;

namespace OpsBot.Testing;

/// <summary>
/// Runs the real <c>kubectl</c> against a kubeconfig with a fresh discovery cache (<c>KUBECACHEDIR</c>, kubectl
/// caches discovery for hours) and a timeout, capturing stdout, stderr and the exit code. kubectl missing from
/// PATH fails the test with how to install it; it never skips.
/// </summary>
public sealed class KubectlRunner : IDisposable
{
    private readonly string _kubeconfig;
    private readonly string _cacheDirectory;
    private readonly TimeSpan _timeout;

    public KubectlRunner(string kubeconfigPath, TimeSpan? timeout = null)
    {
        _kubeconfig = kubeconfigPath;
        _timeout = timeout ?? TimeSpan.FromSeconds(30);
        _cacheDirectory = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;
        Executable = Find();
    }

    public string Executable { get; }

    /// <summary>
    /// The client's minor version (32 for 1.32; Debian 12's kubernetes-client is 1.20). Output
    /// layout and API support differ across versions; tests that depend on them ask this.
    /// </summary>
    public static int ClientMinorVersion => LazyMinor.Value;

    private static readonly Lazy<int> LazyMinor = new(ReadMinorVersion);

    private static int ReadMinorVersion()
    {
        var start = new ProcessStartInfo(Find(), "version --client -o json") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var json = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var minor = System.Text.Json.Nodes.JsonNode.Parse(json)?["clientVersion"]?["minor"]?.GetValue<string>() ?? "0";
        return int.Parse(new string([.. minor.TakeWhile(char.IsDigit)]), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The kubectl on PATH; throws (failing the test) when there is none.</summary>
    public static string Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin"))
        {
            var candidate = Path.Combine(dir, "kubectl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "kubectl was not found on PATH. These tests drive the real kubectl against the simulator: install Debian's " +
            "kubernetes-client package (apt-get install kubernetes-client) or put kubectl 1.32 on PATH.");
    }

    public Task<KubectlResult> RunAsync(params string[] args) => RunAsync(args, null);

    public async Task<KubectlResult> RunAsync(IReadOnlyList<string> args, string? stdin, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(_kubeconfig);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["KUBECACHEDIR"] = _cacheDirectory;
        start.Environment["HOME"] = _cacheDirectory;
        start.Environment.Remove("KUBECONFIG");
        start.Environment["KUBECTL_KUBERC"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), timeout.Token).ConfigureAwait(false);
            process.StandardInput.Close();
        }

        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return new KubectlResult(args, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within {_timeout.TotalSeconds:0}s");
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_cacheDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
