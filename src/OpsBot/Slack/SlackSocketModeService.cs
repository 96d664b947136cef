using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;

namespace OpsBot.Slack;

/// <summary>
/// Socket Mode, for clusters without inbound HTTP: holds <see cref="SlackOptions.SocketModeConnections"/>
/// WebSockets (Slack spreads envelopes across them), each opened with <c>apps.connections.open</c> and the
/// app-level token. On <c>disconnect</c> the replacement connection is opened before the old one is let go;
/// a lost connection is reopened with exponential backoff and jitter. The same envelope may arrive on two
/// connections; the claims of <see cref="IClaimStore"/> keep it from running twice.
/// https://docs.slack.dev/apis/events-api/using-socket-mode
/// </summary>
public sealed partial class SlackSocketModeService(
    SlackApiClient api,
    SlackInbound inbound,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackSocketModeService> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(60);
    private int _open;

    /// <summary>Connections that said hello and are serving now.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(1, options.Value.SocketModeConnections).Select(slot => KeepConnectedAsync($"#{slot}", stoppingToken)));

    private async Task KeepConnectedAsync(string slot, CancellationToken stoppingToken)
    {
        var failures = 0;
        SlackSocketSession? session = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    session ??= await OpenAsync(slot, stoppingToken).ConfigureAwait(false);
                    failures = 0;
                    var end = await session.Ended.WaitAsync(stoppingToken).ConfigureAwait(false);
                    var old = session;
                    session = null;
                    try
                    {
                        if (end == SlackSocketEnd.DisconnectRequested)
                        {
                            // The old connection keeps serving (and acking) until the new one said hello.
                            session = await OpenAsync(slot, stoppingToken).ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        await Release(old).ConfigureAwait(false);
                    }

                    if (session is null)
                    {
                        await Task.Delay(SlackBackoff.Delay(failures++, FirstRetry, LongestRetry), time, stoppingToken).ConfigureAwait(false);
                    }
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    var wait = SlackBackoff.Delay(failures++, FirstRetry, LongestRetry);
                    LogConnectFailed(slot, error is SlackApiException slack ? slack.Error : error.Message, wait.TotalSeconds);
                    if (session is not null)
                    {
                        await Release(session).ConfigureAwait(false);
                        session = null;
                    }

                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            if (session is not null)
            {
                await Release(session).ConfigureAwait(false);
            }
        }
    }

    private async Task<SlackSocketSession> OpenAsync(string slot, CancellationToken cancellationToken)
    {
        var url = await api.OpenSocketModeConnectionAsync(cancellationToken).ConfigureAwait(false);
        var session = await SlackSocketSession.ConnectAsync(url, slot, HandleAsync, logger, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _open);
        LogConnected(slot);
        return session;
    }

    private async Task Release(SlackSocketSession session)
    {
        Interlocked.Decrement(ref _open);
        await session.DisposeAsync().ConfigureAwait(false);
    }

    // Takes an envelope (claims it, starts its work); the session acks when this returns. A payload of the wrong shape
    // is logged once and acked too: Slack would only deliver the same unreadable payload again.
    private async Task HandleAsync(string type, JsonElement payload, string envelopeId, CancellationToken cancellationToken)
    {
        switch (type)
        {
            case "slash_commands":
                if (SlackSlashCommand.From(payload, out var refusal) is { } command)
                {
                    await inbound.HandleCommandAsync(command with { TriggerId = command.TriggerId ?? envelopeId }, replyInAck: false, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    LogMalformed(LogText.Sanitize(envelopeId), refusal!);
                }

                break;
            case "interactive" when SlackMessageShortcut.Read(payload) is var shortcut && shortcut.Ignored is null:
                if (shortcut.Value is { } messageShortcut)
                {
                    await inbound.HandleMessageShortcutAsync(messageShortcut, envelopeId, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    LogMalformed(LogText.Sanitize(envelopeId), shortcut.Refusal!);
                }

                break;
            case "interactive":
                var press = SlackBlockActions.Read(payload);
                if (press.Value is { } value)
                {
                    await inbound.HandleInteractionAsync(value, envelopeId, cancellationToken).ConfigureAwait(false);
                }
                else if (press.Refusal is { } bad)
                {
                    LogMalformed(LogText.Sanitize(envelopeId), bad);
                }
                else
                {
                    inbound.Ignored("interaction", press.Ignored!);
                }

                break;
            case "events_api":
                var envelope = SlackEventEnvelope.Read(payload);
                if (envelope.Value is { } slackEvent)
                {
                    await inbound.HandleEventAsync(slackEvent, cancellationToken).ConfigureAwait(false);
                }
                else if (envelope.Refusal is { } bad)
                {
                    LogMalformed(LogText.Sanitize(envelopeId), bad);
                }
                else
                {
                    inbound.Ignored("event", envelope.Ignored!);
                }

                break;
            default:
                LogUnknownEnvelope(LogText.Sanitize(type));
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connection {Slot} is open")]
    private partial void LogConnected(string slot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection {Slot} failed ({Reason}); retrying in {Seconds:0.0} s")]
    private partial void LogConnectFailed(string slot, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode envelope {EnvelopeId} refused and acked: {Reason}")]
    private partial void LogMalformed(string envelopeId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack Socket Mode envelope of type {Type} ignored")]
    private partial void LogUnknownEnvelope(string type);
}
