namespace OpsBot.Kubernetes.Config;

/// <summary>One <c>exec.env</c> entry.</summary>
public sealed record ExecEnvironmentVariable(string Name, string Value);
