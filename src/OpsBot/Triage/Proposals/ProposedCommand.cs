namespace OpsBot.Triage;

/// <summary>One command a proposal runs (a button): its label and its exact text in the command syntax.</summary>
public sealed record ProposedCommand(string Label, string Text);
