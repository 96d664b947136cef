using System.Collections.Concurrent;
using OpsBot.Kubernetes;

namespace OpsBot.Triage;

/// <summary>
/// Runs the snapshot's calls with bounded concurrency and a per-call timeout; a call that fails or times out records
/// what is missing and yields a fallback instead of failing the whole triage.
/// </summary>
internal sealed class CallGuard(int concurrency, TimeSpan timeout) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(concurrency, concurrency);

    public ConcurrentQueue<MissingData> Missing { get; } = new();

    /// <summary>The call's result, or <paramref name="fallback"/> with <paramref name="what"/> recorded as missing.</summary>
    public async Task<T> RunAsync<T>(string what, Func<CancellationToken, Task<T>> call, T fallback, CancellationToken cancellationToken = default)
    {
        var (value, error) = await TryRunAsync(call, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            Missing.Enqueue(new MissingData(what, error));
            return fallback;
        }

        return value!;
    }

    /// <summary>The call's result or the reason it failed (for log reads, reported together).</summary>
    public async Task<(T? Value, string? Error)> TryRunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                return (await call(deadline.Token).ConfigureAwait(false), null);
            }
            catch (Exception error) when (Reason(error, deadline, cancellationToken) is { } reason)
            {
                return (default, reason);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private string? Reason(Exception error, CancellationTokenSource deadline, CancellationToken outer) => error switch
    {
        OperationCanceledException when deadline.IsCancellationRequested && !outer.IsCancellationRequested => $"no answer within {timeout.TotalSeconds:0} s",
        _ when error.IsForbidden() => $"forbidden: {error.MessageOf()}",
        _ when error.StatusCodeOf() is { } code => $"{(int)code} {code}: {error.MessageOf()}",
        HttpRequestException http => $"unreachable: {http.Message}",
        TimeoutException => $"no answer within {timeout.TotalSeconds:0} s",
        _ => null,
    };
}
