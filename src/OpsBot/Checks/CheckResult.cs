namespace OpsBot.Checks;

/// <summary>What one run found: the outcome, a line for people, and how many alerts were posted or held back by a mute.</summary>
public sealed record CheckResult(CheckOutcome Outcome, string Summary, int Posted = 0, int Muted = 0);
