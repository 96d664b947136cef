namespace OpsBot.ClusterSim.Hosting;

/// <summary>
/// The simulator's virtual clock: starts at <see cref="StartTime"/>, runs at <see cref="Speed"/> times real
/// time (1.0 real time, 60.0 a minute per second, 0 frozen), and jumps forward with <see cref="Advance"/>.
/// Timers created from it fire after the scaled real delay (<c>due / Speed</c>); <see cref="Advance"/> does not fire them.
/// </summary>
public sealed class SimulationClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _real;
    private DateTimeOffset _anchorVirtual;
    private long _anchorTimestamp;
    private double _speed;

    public SimulationClock(DateTimeOffset startTime, double speed = 1.0, TimeProvider? realTime = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(speed);
        _real = realTime ?? System;
        StartTime = startTime;
        _anchorVirtual = startTime;
        _anchorTimestamp = _real.GetTimestamp();
        _speed = speed;
    }

    public DateTimeOffset StartTime { get; }

    /// <summary>Virtual seconds per real second; changing it keeps the current virtual time.</summary>
    public double Speed
    {
        get
        {
            lock (_lock)
            {
                return _speed;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            lock (_lock)
            {
                Rebase();
                _speed = value;
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return Current();
        }
    }

    /// <summary>Moves virtual time forward (tests, drills).</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_lock)
        {
            Rebase();
            _anchorVirtual += delta;
        }
    }

    /// <summary>
    /// Puts virtual time at <paramref name="instant"/>, backwards too: a replay loaded into a running simulator starts
    /// at the time its dump was recorded. The speed is kept.
    /// </summary>
    public void Set(DateTimeOffset instant)
    {
        lock (_lock)
        {
            Rebase();
            _anchorVirtual = instant;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _real.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan real)
    {
        var speed = Speed;
        if (real == Timeout.InfiniteTimeSpan || speed == 0)
        {
            return real == Timeout.InfiniteTimeSpan || real == TimeSpan.Zero ? real : Timeout.InfiniteTimeSpan;
        }

        return TimeSpan.FromTicks((long)(real.Ticks / speed));
    }

    private DateTimeOffset Current()
    {
        var elapsed = _real.GetElapsedTime(_anchorTimestamp);
        return _anchorVirtual + TimeSpan.FromTicks((long)(elapsed.Ticks * _speed));
    }

    private void Rebase()
    {
        _anchorVirtual = Current();
        _anchorTimestamp = _real.GetTimestamp();
    }
}
