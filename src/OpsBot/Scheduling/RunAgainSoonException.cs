namespace OpsBot.Scheduling;

/// <summary>
/// Thrown by a scheduled job whose run could not do its work because something it needs did not answer (the state store
/// restarting): the scheduler runs the same occurrence again soon — after 30 s, 1, 2 and 4 minutes, then every 5 minutes,
/// at most <see cref="MaxRetries"/> times — instead of waiting for the next occurrence (hours away for some checks).
/// The retry holds the same lock as every run of the job, so it never runs beside another run of it.
/// </summary>
public sealed class RunAgainSoonException : Exception
{
    /// <summary>How many times an occurrence is run again (about an hour of back-off in all).</summary>
    public const int MaxRetries = 14;

    /// <summary>The pauses before each retry, in seconds (the last one repeats).</summary>
    public static IReadOnlyList<int> DelaysInSeconds { get; } = [30, 60, 120, 240, 300];

    public RunAgainSoonException()
    {
    }

    public RunAgainSoonException(string message)
        : base(message)
    {
    }

    public RunAgainSoonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
