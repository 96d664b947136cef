namespace OpsBot.Triage;

/// <summary>Something triage could not read (a failed or timed-out call): the report says so instead of failing.</summary>
/// <param name="What">What is missing (<c>pod metrics</c>, <c>events</c>).</param>
/// <param name="Reason">Why (<c>500 Internal Server Error</c>, <c>timed out after 10 s</c>).</param>
public sealed record MissingData(string What, string Reason);
