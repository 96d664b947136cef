namespace OpsBot.Checks;

/// <summary>
/// A workload's restarts in one sampling interval (from the previous sample to <see cref="At"/>), the reason its
/// restarted containers last ended, and whether one of them waits in <c>CrashLoopBackOff</c> now.
/// </summary>
public sealed record RestartPoint(DateTimeOffset At, int Restarts, string? LastReason, string? WaitingReason, string? Pod);
