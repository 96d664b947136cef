namespace OpsBot.Kubernetes.Config;

/// <summary>
/// The Kubernetes configuration cannot be used: none found, an unknown context, a missing cluster or
/// user, an unreadable file, bad base64 or PEM. The message names the file, context or user and what to fix.
/// </summary>
public sealed class KubeConfigException : Exception
{
    public KubeConfigException()
    {
    }

    public KubeConfigException(string message)
        : base(message)
    {
    }

    public KubeConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
