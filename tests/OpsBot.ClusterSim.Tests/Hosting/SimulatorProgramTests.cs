using System.Diagnostics;
using OpsBot.Testing;

namespace OpsBot.ClusterSim.Tests.Hosting;

/// <summary>The standalone simulator as a process: it serves, writes its kubeconfig and stops cleanly on SIGTERM.</summary>
public sealed class SimulatorProgramTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Main_Sigterm_StopsGracefullyWithExitCodeZero()
    {
        using var dir = new TempDirectory();
        var kubeconfig = Path.Combine(dir.Path, "sim.kubeconfig");
        using var process = StartSimulator("--scenario", "s01-frontend-memory-leak", "--kubeconfig", kubeconfig);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await WaitForAsync(() => File.Exists(kubeconfig) || process.HasExited);
            if (process.HasExited)
            {
                Assert.Fail($"the simulator exited early ({process.ExitCode}): {await stderr}");
            }

            using var kubectl = new KubectlRunner(kubeconfig);
            var pods = (await kubectl.RunAsync("get", "deploy", "frontend", "-n", "ecommerce-production", "-o", "name")).EnsureSuccess();
            Assert.Equal("deployment.apps/frontend", pods.StdOut.Trim());

            await SignalAsync(process.Id, "TERM");
            using var timeout = new CancellationTokenSource(Patience);
            await process.WaitForExitAsync(timeout.Token);

            Assert.Equal(0, process.ExitCode);
            Assert.Contains("ClusterSim stopped.", await stdout, StringComparison.Ordinal);
            Assert.Equal("", await stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Main_UnknownScenario_ExitsTwoWithTheKnownOnes()
    {
        using var dir = new TempDirectory();
        using var process = StartSimulator("--scenario", "s99-nothing", "--kubeconfig", Path.Combine(dir.Path, "k"));
        var stderr = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith("error: no scenario named 's99-nothing'; known: ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "k")));
    }

    [Fact]
    public async Task Main_Replay_ServesTheDumpAsRecordedWithControllersOff()
    {
        using var dir = new TempDirectory();
        var dump = dir.Write("dump/objects/pods.yaml", """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Pod
              metadata: {name: web-1, namespace: shop, uid: 5f0c7a8e-1111-4222-8333-444455556666, resourceVersion: "48213", creationTimestamp: "2026-11-20T01:00:00Z"}
              spec: {nodeName: node-gone, containers: [{name: web, image: "web:1"}]}
              status: {phase: Pending, startTime: "2026-11-20T02:59:00Z"}
            """);
        var kubeconfig = Path.Combine(dir.Path, "sim.kubeconfig");
        using var process = StartSimulator("--replay", Path.GetDirectoryName(Path.GetDirectoryName(dump))!, "--kubeconfig", kubeconfig);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await WaitForAsync(() => File.Exists(kubeconfig) || process.HasExited);
            if (process.HasExited)
            {
                Assert.Fail($"the simulator exited early ({process.ExitCode}): {await stderr}");
            }

            using var kubectl = new KubectlRunner(kubeconfig);
            var pod = (await kubectl.RunAsync("get", "pod", "web-1", "-n", "shop", "-o", "jsonpath={.metadata.uid} {.metadata.resourceVersion} {.status.phase} {.spec.nodeName}")).EnsureSuccess();
            Assert.Equal("5f0c7a8e-1111-4222-8333-444455556666 48213 Pending node-gone", pod.StdOut);

            await SignalAsync(process.Id, "TERM");
            using var timeout = new CancellationTokenSource(Patience);
            await process.WaitForExitAsync(timeout.Token);
            var output = await stdout;
            Assert.Contains("— 1 objects, 0 logs, 0 pod metrics, 0 node metrics; clock at 2026-11-20T02:59:00Z; added namespaces: shop", output, StringComparison.Ordinal);
            Assert.Contains("controllers: off", output, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Main_ReplayOfAMissingFolder_ExitsTwo()
    {
        using var dir = new TempDirectory();
        using var process = StartSimulator("--replay", Path.Combine(dir.Path, "nothing"), "--kubeconfig", Path.Combine(dir.Path, "k"));
        var stderr = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith($"error: no cluster dump at {Path.Combine(dir.Path, "nothing")}", stderr, StringComparison.Ordinal);
    }

    /// <summary>The built simulator (copied beside the tests by the project reference), run by the dotnet host.</summary>
    private static Process StartSimulator(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OpsBot.ClusterSim.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static async Task SignalAsync(int pid, string signal)
    {
        // The shell's built-in kill: a fresh Debian has /bin/sh, not necessarily procps' /usr/bin/kill.
        using var kill = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", $"kill -{signal} {pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}" }, UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task WaitForAsync(Func<bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (!done() && deadline.Elapsed < Patience)
        {
            await Task.Delay(100);
        }

        Assert.True(done(), $"not reached within {Patience.TotalSeconds:0} s");
    }
}
