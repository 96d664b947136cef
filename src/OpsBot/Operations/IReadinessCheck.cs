namespace OpsBot.Operations;

/// <summary>
/// One dependency <c>/readyz</c> asks about besides the cluster (registered with <c>TryAddEnumerable</c>).
/// A replica is ready only when every check answers "ok".
/// </summary>
public interface IReadinessCheck
{
    /// <summary>The key under <c>checks</c> in the <c>/readyz</c> body, e.g. <c>store</c>.</summary>
    string Name { get; }

    /// <summary>"ok", or why not (a short message without secrets). Should not throw.</summary>
    Task<string> CheckAsync(CancellationToken cancellationToken = default);
}
