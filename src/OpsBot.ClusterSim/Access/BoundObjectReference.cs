namespace OpsBot.ClusterSim.Access;

/// <summary>The object a token is bound to (<c>spec.boundObjectRef</c>): a Pod or Secret; the token dies with it.</summary>
public sealed record BoundObjectReference(string Kind, string Name, string Uid);
