using System.Diagnostics;

namespace OpsBot.Benchmarks;

/// <summary>The real kubectl, as an SRE runs it.</summary>
internal static class Kubectl
{
    /// <summary><c>kubectl get pods -A</c>; returns the lines printed (header + one per pod) after checking there are <paramref name="podCount"/> + 1.</summary>
    public static int GetPodsAllNamespaces(string kubeconfig, string cacheDirectory, int podCount)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--kubeconfig", kubeconfig, "get", "pods", "-A"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KUBECACHEDIR"] = cacheDirectory;
        using var process = Process.Start(start)!;
        var lines = 0;
        while (process.StandardOutput.ReadLine() is not null)
        {
            lines++;
        }

        process.WaitForExit();
        return process.ExitCode == 0 && lines == podCount + 1 ? lines : throw new InvalidOperationException($"kubectl printed {lines} lines, exit {process.ExitCode}: {process.StandardError.ReadToEnd()}");
    }
}
