using System.Diagnostics;
using OpsBot.Testing;

namespace OpsBot.Tests.Triage;

/// <summary>Runs <c>tools/dump-cluster.sh</c> (with the real kubectl) the way a user would, in a home of its own.</summary>
internal static class DumpClusterScript
{
    public static async Task<(int ExitCode, string StdErr)> RunAsync(string workDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workDirectory };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Find(), "tools", "dump-cluster.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["KUBECACHEDIR"] = Path.Combine(workDirectory, ".kube-cache");
        start.Environment["HOME"] = workDirectory;
        start.Environment.Remove("KUBECONFIG");
        start.Environment["KUBECTL_KUBERC"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        await stdout;
        return (process.ExitCode, await stderr);
    }
}
