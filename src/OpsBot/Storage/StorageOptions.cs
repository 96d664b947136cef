using System.ComponentModel.DataAnnotations;

namespace OpsBot.Storage;

/// <summary>Where OpsBot keeps its state.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (default, a file under <see cref="DataDirectory"/>) or <c>Postgres</c>.</summary>
    [RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Storage:Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = "Sqlite";

    public string? ConnectionString { get; set; }

    /// <summary>Folder for the SQLite file and the simulator's kubeconfig.</summary>
    /// <value>The default value is <c>data</c> (relative to the working directory).</value>
    [Required]
    public string DataDirectory { get; set; } = "data";
}
