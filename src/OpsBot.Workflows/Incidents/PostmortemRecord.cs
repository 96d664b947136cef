using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Incidents;

/// <summary>That a postmortem exists (what <c>Close</c> needs): who produced it, when, and where it is.</summary>
/// <param name="By">Who asked for it.</param>
/// <param name="At">When it was (last) written.</param>
/// <param name="Location">Where it is (<c>/api/incidents/INC-2026-0042/postmortem.md</c>, a file link), if the host has one.</param>
public sealed record PostmortemRecord(Actor By, DateTimeOffset At, string? Location);
