using System.Collections.Concurrent;

namespace OpsBot.Tests.Caching;

/// <summary>Records the Accept header of every request the client sends (a Table read asks for <c>as=Table</c>).</summary>
internal sealed class AcceptRecorder : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _accepts = new();

    public IReadOnlyList<string> Accepts => [.. _accepts];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _accepts.Enqueue($"{request.RequestUri?.AbsolutePath} {request.Headers.Accept}");
        return base.SendAsync(request, cancellationToken);
    }
}
