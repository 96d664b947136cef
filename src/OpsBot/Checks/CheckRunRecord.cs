namespace OpsBot.Checks;

/// <summary>One run of a check, as stored: when, how it was started (<c>schedule</c> or the user), and its result.</summary>
public sealed record CheckRunRecord(string Check, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Trigger, CheckOutcome Outcome, string Summary, int Posted, int Muted);
