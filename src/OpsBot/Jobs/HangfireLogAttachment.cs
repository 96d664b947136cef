namespace OpsBot.Jobs;

/// <summary>This host's place in <see cref="HangfireLogBridge"/>, from its first Hangfire use until the host is disposed.</summary>
public sealed class HangfireLogAttachment(ILoggerFactory loggers) : IDisposable
{
    private readonly IDisposable _attachment = HangfireLogBridge.Instance.Attach(loggers);

    public void Dispose() => _attachment.Dispose();
}
