namespace OpsBot.Actions;

/// <summary>One look at an applied change.</summary>
/// <param name="Status">Still converging, worked, or failed for good.</param>
/// <param name="Summary">One line: "5/5 pods ready on revision 4, no restarts for 2 min".</param>
public sealed record VerificationResult(VerificationStatus Status, string Summary)
{
    /// <summary>The numbers and messages behind the summary.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];
}
