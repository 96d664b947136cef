namespace OpsBot.Simulation;

/// <summary>Where a drill stands: the scenario loaded on the embedded simulator and its virtual clock.</summary>
/// <param name="Scenario">The loaded scenario's name (<c>s01-frontend-memory-leak</c>), or null when none is known.</param>
/// <param name="Title">Its one-line title.</param>
/// <param name="StartedAt">Virtual time at which it was loaded.</param>
/// <param name="Now">The simulator's virtual now.</param>
/// <param name="Speed">Virtual seconds per real second (0: the clock only moves with <c>/drill advance</c>).</param>
/// <param name="Injected">Injections applied so far, oldest first (<c>2026-11-20T03:02:00Z patch deployment/catalog</c>).</param>
/// <param name="PendingInjections">Injections still to come.</param>
public sealed record DrillStatus(
    string? Scenario,
    string? Title,
    DateTimeOffset? StartedAt,
    DateTimeOffset Now,
    double Speed,
    IReadOnlyList<string> Injected,
    int PendingInjections)
{
    /// <summary>Virtual time since the scenario was loaded, in whole seconds.</summary>
    public TimeSpan Elapsed => StartedAt is { } started && Now > started ? TimeSpan.FromSeconds(Math.Floor((Now - started).TotalSeconds)) : TimeSpan.Zero;

    /// <summary>Whether a recorded cluster (a replay from <c>Simulator:ReplayDirectory</c>) is loaded: controllers paused.</summary>
    public bool IsReplay { get; init; }

    /// <summary>Whether the healthy baseline (no drill) is loaded.</summary>
    public bool IsBaseline => Scenario == DrillDirector.Baseline;
}
