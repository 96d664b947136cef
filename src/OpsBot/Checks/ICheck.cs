using OpsBot.Scheduling;

namespace OpsBot.Checks;

/// <summary>A check: scheduled as a job (<see cref="CheckScheduledJob"/>) and runnable now with <c>/checks run NAME</c>.</summary>
public interface ICheck
{
    /// <summary>The name people type: <c>cert-expiry</c>.</summary>
    string Name { get; }

    /// <summary>One line for <c>/checks list</c>.</summary>
    string Summary { get; }

    /// <summary>Its schedule, or <see langword="null"/> when it is switched off (it can still be run by hand).</summary>
    JobSchedule? Schedule { get; }

    /// <summary>Looks, alerts (through <see cref="AlertPublisher"/>) and says what it found. Cluster failures are results, not exceptions.</summary>
    Task<CheckResult> RunAsync(CancellationToken cancellationToken = default);
}
