namespace OpsBot.Checks;

/// <summary>
/// A maintenance window: the check's alerts (all, or those whose target is <see cref="Target"/> — a namespace or
/// <c>namespace/name</c>) are recorded but not posted until <see cref="Until"/>.
/// </summary>
public sealed record CheckMute(string Check, string? Target, DateTimeOffset Until, string Reason, string By, DateTimeOffset At)
{
    /// <summary>Whether an alert about <paramref name="target"/> (<c>cluster/namespace/kind/name</c>) falls under this mute.</summary>
    public bool Covers(string check, string target, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (check != Check || now >= Until)
        {
            return false;
        }

        if (Target is null)
        {
            return true;
        }

        // cluster/namespace/kind/name: a mute names the namespace, or namespace/name.
        var parts = target.Split('/');
        return parts.Length >= 4 && (Target == parts[1] || Target == parts[1] + "/" + parts[3]);
    }
}
