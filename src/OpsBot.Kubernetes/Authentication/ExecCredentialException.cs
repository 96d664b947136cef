namespace OpsBot.Kubernetes.Authentication;

/// <summary>
/// An exec credential plugin failed: missing command (the message includes its install hint), a
/// non-zero exit (with its stderr), a timeout, or output that is not a usable ExecCredential.
/// Messages never include the plugin's standard output, which may hold a token.
/// </summary>
public sealed class ExecCredentialException : Exception
{
    public ExecCredentialException()
    {
    }

    public ExecCredentialException(string message)
        : base(message)
    {
    }

    public ExecCredentialException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
