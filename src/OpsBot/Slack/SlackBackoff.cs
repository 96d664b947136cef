using System.Security.Cryptography;

namespace OpsBot.Slack;

/// <summary>Exponential backoff with jitter, so that many clients that failed together do not retry together.</summary>
public static class SlackBackoff
{
    /// <summary><paramref name="initial"/> × 2^attempt, capped at <paramref name="max"/>, plus up to 25 % random jitter.</summary>
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max)
    {
        var exponential = initial.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt, 0, 20));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped + (capped * 0.25 * RandomNumberGenerator.GetInt32(1000) / 1000.0));
    }
}
