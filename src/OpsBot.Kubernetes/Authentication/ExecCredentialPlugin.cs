using System.ComponentModel;
using System.Diagnostics;
using OpsBot.Kubernetes.Config;

namespace OpsBot.Kubernetes.Authentication;

/// <summary>
/// Runs one exec credential plugin: the command with its arguments directly (no shell), the extra
/// variables and <c>KUBERNETES_EXEC_INFO</c> in its environment, no standard input, a time limit.
/// https://kubernetes.io/docs/reference/access-authn-authz/authentication/#input-and-output-formats
/// </summary>
internal static class ExecCredentialPlugin
{
    private const int MaxStderrChars = 2000;

    public static async Task<KubernetesCredential> RunAsync(
        ExternalExecution exec, ExecClusterInfo? cluster, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        var apiVersion = ExecCredentialProtocol.ValidateApiVersion(exec);
        var command = exec.Command is { Length: > 0 } c
            ? c
            : throw new ExecCredentialException("The kubeconfig's exec credential plugin has no 'command'; set it (e.g. 'aws').");
        if (string.Equals(exec.InteractiveMode, "Always", StringComparison.OrdinalIgnoreCase))
        {
            throw new ExecCredentialException(
                $"The exec credential plugin '{command}' has interactiveMode: Always, but OpsBot has no terminal; use a non-interactive login (IfAvailable or Never).");
        }

        using var process = new Process { StartInfo = CreateStartInfo(exec, command, ExecCredentialProtocol.ExecInfoJson(apiVersion, cluster)) };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            var hint = string.IsNullOrWhiteSpace(exec.InstallHint) ? string.Empty : $" {exec.InstallHint.Trim()}";
            throw new ExecCredentialException($"The exec credential plugin '{command}' could not be started: {e.Message}.{hint}", e);
        }

        process.StandardInput.Close();
        using var timeoutCts = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(linked.Token);
        var stderr = process.StandardError.ReadToEndAsync(linked.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await StopAsync(process, stdout, stderr).ConfigureAwait(false);
            throw new ExecCredentialException($"The exec credential plugin '{command}' did not finish within {timeout.TotalSeconds:0} s and was stopped.");
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process, stdout, stderr).ConfigureAwait(false);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var error = stderr.Result.Trim();
            error = error.Length > MaxStderrChars ? error[..MaxStderrChars] + "…" : error;
            throw new ExecCredentialException(
                $"The exec credential plugin '{command}' exited with code {process.ExitCode}: {(error.Length == 0 ? "(no stderr)" : error)}");
        }

        return ExecCredentialProtocol.ParseOutput(stdout.Result, apiVersion, command);
    }

    // Kill the plugin and its children, then let the (cancelled) reads finish so nothing is left unobserved.
    private static async Task StopAsync(Process process, Task<string> stdout, Task<string> stderr)
    {
        process.Kill(entireProcessTree: true);
        try
        {
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Expected: the reads were cancelled or their pipes closed with the process.
        }
    }

    private static ProcessStartInfo CreateStartInfo(ExternalExecution exec, string command, string execInfo)
    {
        var startInfo = new ProcessStartInfo(command)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var arg in exec.Args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var variable in exec.Env)
        {
            startInfo.Environment[variable.Name] = variable.Value;
        }

        startInfo.Environment["KUBERNETES_EXEC_INFO"] = execInfo;
        return startInfo;
    }
}
