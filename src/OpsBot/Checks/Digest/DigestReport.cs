namespace OpsBot.Checks;

/// <summary>What the digest found: the sections with something to say (none: all clear), at a time.</summary>
public sealed record DigestReport(DateTimeOffset At, IReadOnlyList<DigestSection> Sections)
{
    public bool AllClear => Sections.Count == 0;
}
