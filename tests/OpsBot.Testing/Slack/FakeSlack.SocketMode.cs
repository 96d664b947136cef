using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OpsBot.Testing.Slack;

// Socket Mode: apps.connections.open issues single-use WebSocket URLs; each connection gets hello,
// envelopes round-robin, and every envelope not acked when its connection goes is delivered again.
// https://docs.slack.dev/apis/events-api/using-socket-mode
public sealed partial class FakeSlack
{
    private readonly ConcurrentDictionary<string, bool> _issuedSockets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeSocket> _sockets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Envelope> _unacked = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _acks = new();
    private readonly ConcurrentDictionary<string, int> _deliveries = new(StringComparer.Ordinal);
    private int _socketCount;
    private int _roundRobin;

    /// <summary>Socket Mode connections open now (said hello, not closed).</summary>
    public int OpenSockets => _sockets.Count;

    /// <summary>The most connections that were open at once.</summary>
    public int MaxOpenSockets { get; private set; }

    /// <summary>Socket Mode connections opened so far.</summary>
    public int SocketsOpened => Volatile.Read(ref _socketCount);

    /// <summary>Envelope ids acked, in order (an id appears once per ack received).</summary>
    public IReadOnlyList<string> Acks => [.. _acks];

    /// <summary>Envelopes delivered but not acked yet.</summary>
    public int Unacked => _unacked.Count;

    /// <summary>How many times an envelope was sent (more than once after a lost connection).</summary>
    public int DeliveriesOf(string envelopeId) => _deliveries.GetValueOrDefault(envelopeId);

    /// <summary>
    /// Queues an envelope (<c>slash_commands</c>, <c>interactive</c>, <c>events_api</c>) and sends it on an open
    /// connection; with <paramref name="onEveryConnection"/> it goes out on all of them (Slack may deliver twice).
    /// </summary>
    public async Task<string> SendEnvelopeAsync(string type, JsonObject payload, bool onEveryConnection = false)
    {
        var envelope = new Envelope(Guid.NewGuid().ToString(), type, payload);
        _unacked[envelope.Id] = envelope;
        if (onEveryConnection)
        {
            foreach (var socket in _sockets.Values)
            {
                envelope.AssignedTo = socket.Id;
                await SendAsync(socket, envelope);
            }

            return envelope.Id;
        }

        await DeliverPendingAsync();
        return envelope.Id;
    }

    /// <summary>Sends <paramref name="frame"/> exactly as given on every open connection (a frame a buggy or hostile peer could send).</summary>
    public async Task SendRawFrameAsync(string frame)
    {
        foreach (var socket in _sockets.Values.Where(socket => !socket.Closed))
        {
            await socket.SendTextAsync(frame);
        }
    }

    /// <summary>
    /// Sends an envelope whose payload is <paramref name="payloadJson"/> as written (wrong kinds, repeated keys) on one open
    /// connection; its ack is recorded like any other, but it is not delivered again when it is not acked.
    /// </summary>
    public async Task<string> SendRawEnvelopeAsync(string type, string payloadJson)
    {
        var id = Guid.NewGuid().ToString();
        var socket = _sockets.Values.Where(candidate => !candidate.Draining && !candidate.Closed).MinBy(candidate => candidate.Number)
            ?? throw new InvalidOperationException("No open Socket Mode connection.");
        await socket.SendTextAsync($$"""{"envelope_id":"{{id}}","type":"{{type}}","payload":{{payloadJson}},"accepts_response_payload":false,"retry_attempt":0,"retry_reason":""}""");
        return id;
    }

    /// <summary>Sends <c>disconnect</c> (refresh_requested) on the oldest open connection; it gets no new envelopes.</summary>
    public async Task RequestDisconnectAsync()
    {
        var socket = _sockets.Values.Where(candidate => !candidate.Draining).MinBy(candidate => candidate.Number)
            ?? throw new InvalidOperationException("No open Socket Mode connection.");
        socket.Draining = true;
        await socket.SendTextAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested", ["debug_info"] = new JsonObject { ["host"] = "fake-slack" } }.ToJsonString());
    }

    /// <summary>Cuts the oldest open connection without a word (a network failure); its un-acked envelopes go elsewhere.</summary>
    public void DropConnection()
    {
        var socket = _sockets.Values.MinBy(candidate => candidate.Number) ?? throw new InvalidOperationException("No open Socket Mode connection.");
        socket.Socket.Abort();
    }

    /// <summary>Waits until at least <paramref name="count"/> connections are open.</summary>
    public Task WaitForOpenSocketsAsync(int count, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => OpenSockets >= count, $"{count} open Socket Mode connections (have {OpenSockets})", timeout);

    /// <summary>Waits until every one of <paramref name="envelopeIds"/> has been acked.</summary>
    public Task WaitForAcksAsync(IEnumerable<string> envelopeIds, TimeSpan? timeout = null)
    {
        var ids = envelopeIds.ToList();
        return WaitUntilAsync(() => ids.All(id => _acks.Contains(id)), $"acks of {ids.Count} envelopes (missing {ids.Count(id => !_acks.Contains(id))})", timeout);
    }

    private async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout)
    {
        var deadline = _clock.Elapsed + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (_clock.Elapsed > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what + ".");
            }

            await Task.Delay(20);
        }
    }

    private (string?, JsonObject) OpenConnection()
    {
        var id = Guid.NewGuid().ToString("n");
        _issuedSockets[id] = true;
        var url = new UriBuilder(new Uri(BaseAddress, "socket/" + id)) { Scheme = "ws" }.Uri;
        return (null, new JsonObject { ["url"] = url.AbsoluteUri });
    }

    private async Task ServeSocketAsync(HttpContext context, string id)
    {
        if (!_issuedSockets.TryRemove(id, out _))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden; // URLs are single-use
            return;
        }

        using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
        var socket = new FakeSocket(id, Interlocked.Increment(ref _socketCount), webSocket);
        try
        {
            await socket.SendTextAsync(new JsonObject
            {
                ["type"] = "hello",
                ["num_connections"] = _sockets.Count + 1,
                ["debug_info"] = new JsonObject { ["host"] = "fake-slack", ["approximate_connection_time"] = 18060 },
                ["connection_info"] = new JsonObject { ["app_id"] = "A0001" },
            }.ToJsonString());
            _sockets[id] = socket;
            lock (_lock)
            {
                MaxOpenSockets = Math.Max(MaxOpenSockets, _sockets.Count);
            }

            await DeliverPendingAsync();
            await ReceiveAcksAsync(socket);
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away (or was cut off): its un-acked envelopes are delivered elsewhere below.
        }
        finally
        {
            _sockets.TryRemove(id, out _);
            socket.Closed = true;
            await DeliverPendingAsync();
        }
    }

    private async Task ReceiveAcksAsync(FakeSocket socket)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.Socket.ReceiveAsync(buffer, CancellationToken.None);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                socket.Closed = true;
                await socket.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                return;
            }

            // An ack is {"envelope_id": "…"} (+ "payload" when the envelope accepts one).
            if (JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray())) is JsonObject ack && (string?)ack["envelope_id"] is { } envelopeId)
            {
                _acks.Enqueue(envelopeId);
                _unacked.TryRemove(envelopeId, out _);
            }
        }
    }

    // Sends every un-acked envelope that has no live connection to an open, non-draining one.
    private async Task DeliverPendingAsync()
    {
        var sends = new List<(FakeSocket, Envelope)>();
        lock (_lock)
        {
            var open = _sockets.Values.Where(socket => !socket.Draining && !socket.Closed).OrderBy(socket => socket.Number).ToList();
            if (open.Count == 0)
            {
                return;
            }

            foreach (var envelope in _unacked.Values)
            {
                if (envelope.AssignedTo is { } assigned && _sockets.ContainsKey(assigned))
                {
                    continue;
                }

                var socket = open[Interlocked.Increment(ref _roundRobin) % open.Count];
                envelope.AssignedTo = socket.Id;
                sends.Add((socket, envelope));
            }
        }

        foreach (var (socket, envelope) in sends)
        {
            await SendAsync(socket, envelope);
        }
    }

    private async Task SendAsync(FakeSocket socket, Envelope envelope)
    {
        _deliveries.AddOrUpdate(envelope.Id, 1, (_, count) => count + 1);
        try
        {
            await socket.SendTextAsync(new JsonObject
            {
                ["envelope_id"] = envelope.Id,
                ["type"] = envelope.Type,
                ["payload"] = envelope.Payload.DeepClone(),
                ["accepts_response_payload"] = envelope.Type == "slash_commands",
                ["retry_attempt"] = _deliveries[envelope.Id] - 1,
                ["retry_reason"] = _deliveries[envelope.Id] > 1 ? "timeout" : "",
            }.ToJsonString());
        }
        catch (Exception error) when (error is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // That connection is going; the envelope stays un-acked and is delivered again when it closes.
        }
    }

    private async Task CloseSocketsAsync()
    {
        foreach (var socket in _sockets.Values)
        {
            socket.Socket.Abort();
        }

        await Task.Yield();
    }

    private sealed class Envelope(string id, string type, JsonObject payload)
    {
        public string Id { get; } = id;

        public string Type { get; } = type;

        public JsonObject Payload { get; } = payload;

        public string? AssignedTo { get; set; }
    }

    private sealed class FakeSocket(string id, int number, WebSocket socket)
    {
        private readonly SemaphoreSlim _sending = new(1, 1);

        public string Id { get; } = id;

        public int Number { get; } = number;

        public WebSocket Socket { get; } = socket;

        public bool Draining { get; set; }

        public bool Closed { get; set; }

        public async Task SendTextAsync(string json)
        {
            await _sending.WaitAsync();
            try
            {
                await Socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
            finally
            {
                _sending.Release();
            }
        }
    }
}
