namespace OpsBot.ClusterSim.Access;

/// <summary>
/// An authorizer's answer: allowed or not, and why — <c>RBAC: allowed by ClusterRoleBinding "x" of ClusterRole
/// "y" to ServiceAccount "sa/ns"</c>, or on a denial the errors met on the way (a binding to a missing role).
/// </summary>
public sealed record AuthorizationDecision(bool Allowed, string Reason)
{
    public static AuthorizationDecision Allow(string reason) => new(true, reason);

    public static AuthorizationDecision NoOpinion(string reason) => new(false, reason);
}
