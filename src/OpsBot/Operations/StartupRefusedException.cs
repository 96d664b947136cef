namespace OpsBot.Operations;

/// <summary>
/// OpsBot will not start with the configuration it was given. The message is one line that says what to set; it is all
/// the operator sees (<see cref="StartupRefusals"/>), so it never carries a secret.
/// </summary>
public sealed class StartupRefusedException : Exception
{
    public StartupRefusedException()
    {
    }

    public StartupRefusedException(string message)
        : base(message)
    {
    }

    public StartupRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
