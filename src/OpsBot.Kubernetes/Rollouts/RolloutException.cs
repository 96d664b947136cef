namespace OpsBot.Kubernetes;

/// <summary>A rollout operation refused, with kubectl's own wording (e.g. <c>no rollout history found for deployment "web"</c>).</summary>
public sealed class RolloutException(string message) : Exception(message);
