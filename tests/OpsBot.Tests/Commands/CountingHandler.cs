namespace OpsBot.Tests.Commands;

/// <summary>Counts the HTTP requests OpsBot's Kubernetes client sends (to prove bad input makes none).</summary>
public sealed class CountingHandler : DelegatingHandler
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return base.SendAsync(request, cancellationToken);
    }
}
