namespace OpsBot.Kubernetes;

/// <summary>
/// One column of a server-side Table (<c>meta.k8s.io/v1 TableColumnDefinition</c>): its name as the API server spells
/// it (<c>Name</c>, <c>Ready</c>, <c>Nominated Node</c>; kubectl prints it upper-cased), its type and its priority
/// (0 = always shown; above 0 = <c>-o wide</c> only, yet the server sends its cells all the same).
/// </summary>
public sealed record ServerTableColumn(string Name, string Type, int Priority);
