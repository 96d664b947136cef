using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpsBot.Chat;

namespace OpsBot.Slack;

/// <summary>
/// One Socket Mode WebSocket: waits for <c>hello</c>, hands every envelope to the handler and acks it
/// with <c>{"envelope_id": …}</c> once the handler took it, and reports <c>disconnect</c> or a close
/// through <see cref="Ended"/>. Envelopes keep being served after a <c>disconnect</c> until the socket closes.
/// https://docs.slack.dev/apis/events-api/using-socket-mode
/// </summary>
public sealed partial class SlackSocketSession : IAsyncDisposable
{
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket _socket;
    private readonly Func<string, JsonElement, string, CancellationToken, Task> _handle;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SlackSocketEnd> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Task, byte> _serving = new();
    private static readonly JsonElement EmptyPayload = JsonDocument.Parse("{}").RootElement.Clone();
    private Task _reader = Task.CompletedTask;

    private SlackSocketSession(ClientWebSocket socket, string name, Func<string, JsonElement, string, CancellationToken, Task> handle, ILogger logger)
    {
        _socket = socket;
        _name = name;
        _handle = handle;
        _logger = logger;
    }

    /// <summary>Completes when Slack asks to reconnect or the socket closes.</summary>
    public Task<SlackSocketEnd> Ended => _ended.Task;

    /// <summary>
    /// Connects and returns once <c>hello</c> arrived. <paramref name="handle"/> receives (envelope type,
    /// payload, envelope id) and must return once the envelope is safely taken; the ack follows.
    /// </summary>
    public static async Task<SlackSocketSession> ConnectAsync(Uri url, string name, Func<string, JsonElement, string, CancellationToken, Task> handle, ILogger logger, CancellationToken cancellationToken = default)
    {
        var socket = new ClientWebSocket();
        var session = new SlackSocketSession(socket, name, handle, logger);
        try
        {
            await socket.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
            session._reader = Task.Run(session.ReadAsync, CancellationToken.None);
            await session._hello.Task.WaitAsync(HelloTimeout, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Finishes (and acks) the envelopes in progress, closes the socket gracefully, and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await Quietly(Task.WhenAll(_serving.Keys)).ConfigureAwait(false);
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(CloseTimeout);
            await Quietly(_socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", timeout.Token)).ConfigureAwait(false);
        }

        // The reader sees the server's close frame and ends; a server that never answers is cut off.
        await Quietly(_reader).ConfigureAwait(false);
        await _closing.CancelAsync().ConfigureAwait(false);
        await _reader.ConfigureAwait(false);
        _socket.Dispose();
        _closing.Dispose();
        _sending.Dispose();
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.WaitAsync(CloseTimeout).ConfigureAwait(false);
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or ObjectDisposedException or TimeoutException)
        {
            // Closing an already broken or slow connection: nothing more to do gracefully.
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (true)
            {
                buffer.Clear();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(16 * 1024), _closing.Token).ConfigureAwait(false);
                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (result.MessageType == WebSocketMessageType.Text)
                {
                    Dispatch(buffer.WrittenMemory.ToArray());
                }
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            LogClosed(_name, error.Message);
        }
        finally
        {
            _hello.TrySetException(new WebSocketException("The Socket Mode connection closed before hello."));
            _ended.TrySetResult(SlackSocketEnd.Closed);
        }
    }

    // A frame that cannot be read (not JSON, repeated keys, wrong kinds) is logged and dropped; the connection goes on.
    // An envelope among them is acked all the same: redelivered, it would only be refused again.
    private void Dispatch(ReadOnlyMemory<byte> text)
    {
        var frame = InboundJson.ParseObject(text, out var refusal) is { } root ? new JsonFields(root, "Socket Mode frame") : null;
        var type = frame?.Required("type");
        var envelopeId = frame?.String("envelope_id");
        var payload = frame?.Object("payload") ?? EmptyPayload;
        if (frame is null || type is null || frame.Error is not null)
        {
            LogUnreadable(_name, refusal ?? frame?.Error ?? "no type");
            if ((envelopeId ?? LenientEnvelopeId(text)) is { } unreadable)
            {
                Track(unreadable, () => AckAsync(unreadable));
            }

            return;
        }

        if (type == "hello")
        {
            _hello.TrySetResult();
        }
        else if (type == "disconnect")
        {
            LogDisconnect(_name, LogText.Sanitize(frame.String("reason") ?? "unknown"));
            _ended.TrySetResult(SlackSocketEnd.DisconnectRequested);
        }
        else if (envelopeId is not null)
        {
            // Envelopes are served concurrently so a slow one does not hold up the acks of the rest.
            Track(envelopeId, async () =>
            {
                await _handle(type, payload, envelopeId, _closing.Token).ConfigureAwait(false);
                await AckAsync(envelopeId).ConfigureAwait(false);
            });
        }
    }

    // The envelope id of a frame the strict reader refused (repeated keys), read leniently just to ack it.
    private static string? LenientEnvelopeId(ReadOnlyMemory<byte> text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("envelope_id", out var id)
                && id.ValueKind == JsonValueKind.String
                    ? id.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Track(string envelopeId, Func<Task> work)
    {
        var serving = Task.Run(() => ServeAsync(envelopeId, work));
        _serving[serving] = 0;
        _ = serving.ContinueWith(done => _serving.TryRemove(done, out _), TaskScheduler.Default);
    }

    private async Task ServeAsync(string envelopeId, Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Not acked: Slack delivers the envelope again (on another connection), and the claim keeps it from running twice.
            LogNotAcked(_name, LogText.Sanitize(envelopeId), error.Message);
        }
        catch (Exception error)
        {
            LogEnvelopeFailed(error, _name, LogText.Sanitize(envelopeId));
        }
    }

    private async Task AckAsync(string envelopeId)
    {
        var ack = Encoding.UTF8.GetBytes(new JsonObject { ["envelope_id"] = envelopeId }.ToJsonString());
        await _sending.WaitAsync(_closing.Token).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(ack, WebSocketMessageType.Text, endOfMessage: true, _closing.Token).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode {Connection}: disconnect requested ({Reason})")]
    private partial void LogDisconnect(string connection, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode {Connection} closed: {Reason}")]
    private partial void LogClosed(string connection, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode {Connection}: an unreadable frame was ignored ({Reason})")]
    private partial void LogUnreadable(string connection, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode {Connection}: envelope {EnvelopeId} not acked ({Reason}); Slack will redeliver it")]
    private partial void LogNotAcked(string connection, string envelopeId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack Socket Mode {Connection}: envelope {EnvelopeId} failed")]
    private partial void LogEnvelopeFailed(Exception error, string connection, string envelopeId);
}
