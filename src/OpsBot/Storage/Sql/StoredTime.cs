namespace OpsBot.Storage.Sql;

/// <summary>
/// How the stores keep a <see cref="DateTimeOffset"/>: the UTC instant (to the microsecond, PostgreSQL's
/// precision, on every provider alike) in one column, the original offset in minutes in another.
/// Queries compare instants; reads give back the offset the writer used.
/// </summary>
public static class StoredTime
{
    /// <summary>The value a store gives back for <paramref name="time"/>: same offset, instant truncated to the microsecond.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMicrosecond), time.Offset);

    /// <summary>The UTC instant to store, truncated to the microsecond.</summary>
    public static DateTime UtcInstant(DateTimeOffset time) => Normalize(time).UtcDateTime;

    /// <summary>The offset column's value.</summary>
    public static int OffsetMinutes(DateTimeOffset time) => (int)time.Offset.TotalMinutes;

    /// <summary>A stored instant (UTC) seen again in the offset it was written with.</summary>
    public static DateTimeOffset Restore(DateTime utcInstant, int offsetMinutes) =>
        new DateTimeOffset(DateTime.SpecifyKind(utcInstant, DateTimeKind.Utc)).ToOffset(TimeSpan.FromMinutes(offsetMinutes));
}
