namespace OpsBot.Storage.Migrations;

/// <summary>One schema change, applied once, in a transaction, in version order.</summary>
/// <param name="Version">1, 2, 3 … with no gaps; recorded in <c>schema_migrations</c> once applied.</param>
/// <param name="Description">What it does, recorded beside the version.</param>
/// <param name="Sql">The statements (several, separated by semicolons).</param>
public sealed record Migration(int Version, string Description, string Sql);
