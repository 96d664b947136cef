namespace OpsBot.Kubernetes;

/// <summary>
/// One row of a server-side Table: its cells in column order (strings as they are, numbers and booleans as their JSON
/// text, null for a null cell) and what the row's <c>PartialObjectMetadata</c> (<c>includeObject=Metadata</c>) says of
/// the object — null when the server sent no object.
/// </summary>
public sealed record ServerTableRow(IReadOnlyList<string?> Cells, string? Namespace, string? Name, DateTimeOffset? CreationTimestamp);
