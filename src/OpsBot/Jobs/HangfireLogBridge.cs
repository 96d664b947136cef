using System.Collections.Concurrent;
using HangfireLog = Hangfire.Logging;
using OpsBot.Chat;

namespace OpsBot.Jobs;

/// <summary>
/// Hangfire logs through one process-wide provider, and its classes keep their loggers in static fields. Bound to one
/// host's <see cref="ILoggerFactory"/> (Hangfire's default), every later use fails once that host is disposed (tests start
/// many hosts in one process). This provider resolves the logger at each call from the most recently attached host
/// that is still alive; with none alive, Hangfire's messages are dropped.
/// </summary>
public sealed class HangfireLogBridge : HangfireLog.ILogProvider
{
    private readonly List<ILoggerFactory> _live = [];
    private readonly Lock _gate = new();

    private HangfireLogBridge()
    {
    }

    public static HangfireLogBridge Instance { get; } = new();

    /// <summary>Makes <paramref name="factory"/> the target of Hangfire's logs until the returned handle is disposed.</summary>
    public IDisposable Attach(ILoggerFactory factory)
    {
        lock (_gate)
        {
            _live.Add(factory);
        }

        HangfireLog.LogProvider.SetCurrentLogProvider(this);
        return new Attachment(this, factory);
    }

    public HangfireLog.ILog GetLogger(string name) => new BridgedLog(this, name);

    public IDisposable OpenNestedContext(string message) => NoScope.Instance;

    public IDisposable OpenMappedContext(string key, string value) => NoScope.Instance;

    private ILoggerFactory? Current()
    {
        lock (_gate)
        {
            return _live.Count == 0 ? null : _live[^1];
        }
    }

    private void Detach(ILoggerFactory factory)
    {
        lock (_gate)
        {
            _live.Remove(factory);
        }
    }

    private sealed class Attachment(HangfireLogBridge bridge, ILoggerFactory factory) : IDisposable
    {
        public void Dispose() => bridge.Detach(factory);
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }

    private sealed class BridgedLog(HangfireLogBridge bridge, string name) : HangfireLog.ILog
    {
        private readonly ConcurrentDictionary<ILoggerFactory, ILogger> _loggers = new();

        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (bridge.Current() is not { } factory)
            {
                return false;
            }

            try
            {
                var logger = _loggers.GetOrAdd(factory, live => live.CreateLogger(name));
                var level = Map(logLevel);
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }

                if (logger.IsEnabled(level))
                {
#pragma warning disable CA1848, CA2254 // Hangfire hands over finished text, not a template.
                    // Hangfire writes multi-line messages (and job arguments); one log line each, like every other message.
                    logger.Log(level, exception, "{Message}", LogText.Sanitize(messageFunc(), maxLength: 4000));
#pragma warning restore CA1848, CA2254
                }

                return true;
            }
            catch (ObjectDisposedException)
            {
                // The host went away between choosing it and logging: drop this message.
                _loggers.TryRemove(factory, out _);
                return false;
            }
        }

        private static LogLevel Map(HangfireLog.LogLevel level) => level switch
        {
            HangfireLog.LogLevel.Trace => LogLevel.Trace,
            HangfireLog.LogLevel.Debug => LogLevel.Debug,
            HangfireLog.LogLevel.Info => LogLevel.Information,
            HangfireLog.LogLevel.Warn => LogLevel.Warning,
            HangfireLog.LogLevel.Error => LogLevel.Error,
            _ => LogLevel.Critical,
        };
    }
}
