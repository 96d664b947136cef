namespace OpsBot.Testing;

/// <summary>What one kubectl run printed and returned.</summary>
public sealed record KubectlResult(IReadOnlyList<string> Arguments, int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Throws with the command, exit code and both streams when kubectl failed.</summary>
    public KubectlResult EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl {string.Join(' ', Arguments)} exited {ExitCode}\nstdout:\n{StdOut}\nstderr:\n{StdErr}");
        }

        return this;
    }

    /// <summary>stdout split into lines, without the trailing empty line.</summary>
    public IReadOnlyList<string> Lines => StdOut.TrimEnd('\n').Split('\n');
}
