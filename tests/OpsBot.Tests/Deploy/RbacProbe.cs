namespace OpsBot.Tests.Deploy;

/// <summary>
/// A grant and what OpsBot does that needs it: a chat command (with <paramref name="Approve"/>, an action run to its
/// end after bob approves it) or <c>GET /readyz</c>, on the e-commerce baseline or on <paramref name="Scenario"/>.
/// </summary>
public sealed record RbacProbe(RbacGrant Grant, string Command, bool Approve = false, string Scenario = "ecommerce-baseline")
{
    /// <summary>How the API server words the refusal of this grant (<c>responsewriters.Forbidden</c>).</summary>
    public string Refusal => $"cannot {Grant.Verb} resource \"{Grant.Resource}\" in API group \"{Grant.ApiGroup}\"";

    public override string ToString() => $"{Grant} ← {Command}";
}
