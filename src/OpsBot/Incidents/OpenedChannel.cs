using OpsBot.Workflows.Incidents;

namespace OpsBot.Incidents;

/// <summary>Where an incident is worked once declared.</summary>
/// <param name="Channel">The channel (or thread) attached to the incident; <see langword="null"/> when nothing could be posted.</param>
/// <param name="Where">How to name it to people: <c>#inc-2026-0042-checkout-returns-500s</c>, <c>the thread of the card below</c>.</param>
/// <param name="FallbackReason">Why it is a thread rather than a channel (Slack's refusal), if it is.</param>
public sealed record OpenedChannel(IncidentChannel? Channel, string Where, string? FallbackReason);
