using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Logs;
using OpsBot.ClusterSim.Metrics;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers;

/// <summary>
/// Runs the controllers in ticks of virtual time. Two ways to drive it: <see cref="AdvanceAsync"/>
/// steps the clock forward tick by tick (tests, <c>/drill advance 10m</c>) — deterministic; and
/// <see cref="RunAsync"/> follows the clock as it flows at its speed (the embedded default). One
/// tick runs at a time; controllers run in registration order.
/// </summary>
public sealed class SimulationEngine
{
    private readonly SemaphoreSlim _tickLock = new(1, 1);
    private readonly List<ISimulationController> _controllers = [];
    private readonly SimulationClock _clock;
    private readonly SimulationContext _context;
    private DateTimeOffset? _lastTick;
    private bool _paused;

    public SimulationEngine(SimulationClock clock, ObjectStore store, IPodLogStore logs, IMetricsSource metrics, IMetricsWriter metricsWriter, int seed = 42)
    {
        _clock = clock;
        _context = new SimulationContext(store, logs, metrics, metricsWriter, new EventRecorder(store), new Random(seed));
    }

    /// <summary>Virtual time per tick.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<ISimulationController> Controllers => _controllers;

    /// <summary>
    /// While true, ticks reconcile nothing: the cluster stays as it is while the clock moves (a replayed dump is served
    /// as recorded; <c>--controllers off</c> on the command line does the same by not running the engine at all).
    /// </summary>
    public bool Paused
    {
        get => Volatile.Read(ref _paused);
        set => Volatile.Write(ref _paused, value);
    }

    public EventRecorder Events => _context.Events;

    public SimulationEngine Add(ISimulationController controller)
    {
        _controllers.Add(controller);
        return this;
    }

    /// <summary>Moves virtual time forward by <paramref name="duration"/>, one tick at a time.</summary>
    public async Task AdvanceAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        await _tickLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var remaining = duration;
            while (remaining > TimeSpan.Zero)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var step = remaining < TickInterval ? remaining : TickInterval;
                _clock.Advance(step);
                remaining -= step;
                Tick();
            }
        }
        finally
        {
            _tickLock.Release();
        }
    }

    /// <summary>Runs one tick at the clock's current time (no time passes).</summary>
    public async Task StepAsync(CancellationToken cancellationToken = default)
    {
        await _tickLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Tick();
        }
        finally
        {
            _tickLock.Release();
        }
    }

    /// <summary>Ticks as the clock flows (checks every <paramref name="pollInterval"/> of real time) until cancelled.</summary>
    public async Task RunAsync(TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        using var timer = new PeriodicTimer(pollInterval ?? TimeSpan.FromMilliseconds(200));
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var now = _clock.GetUtcNow();
            if (_lastTick is { } last && now - last < TickInterval)
            {
                continue;
            }

            await StepAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Tick()
    {
        var now = _clock.GetUtcNow();
        // A clock set backwards (a replay loaded) starts a new run of ticks rather than a negative interval.
        _context.Elapsed = _lastTick is { } last && now > last ? now - last : TimeSpan.Zero;
        _context.Now = now;
        _lastTick = now;
        if (Paused)
        {
            return;
        }

        foreach (var controller in _controllers)
        {
            controller.Reconcile(_context);
        }
    }
}
