using System.Diagnostics;
using OpsBot.Testing;

namespace OpsBot.Tests.Deploy;

/// <summary>
/// Runs <c>tests/dockerfile-lint/run</c>: dockerfile-utils (Docker's own parsing rules) and dockerfilelint (best
/// practices), pinned npm packages installed with <c>npm ci</c> on first use — there is no Docker engine to build with.
/// Fails, never skips, when node or npm is missing.
/// </summary>
public static class DockerfileLint
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The exit code (0: no finding) and everything the linters printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string dockerfile, CancellationToken cancellationToken = default)
    {
        var script = Path.Combine(RepositoryRoot.Find(), "tests", "dockerfile-lint", "run");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(dockerfile);
        // One run at a time: the first one may install the packages.
        await Gate.WaitAsync(cancellationToken);
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(5));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{script} did not finish within 5 minutes");
            }

            var output = await stdout + await stderr;
            return process.ExitCode == 2
                ? throw new InvalidOperationException($"{script} could not run the linters:\n{output}")
                : (process.ExitCode, output);
        }
        finally
        {
            Gate.Release();
        }
    }
}
