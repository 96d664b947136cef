namespace OpsBot.ClusterSim.Access;

/// <summary>A ServiceAccount token the simulator signed: the JWT, its id (<c>jti</c>), whose it is and until when it is valid.</summary>
public sealed record IssuedToken(string Token, string Id, string Namespace, string ServiceAccount, string ServiceAccountUid, IReadOnlyList<string> Audiences, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
