namespace OpsBot.Kubernetes;

/// <summary>One page of a server-side Table list: its columns (each page carries its own), rows and the next page's token.</summary>
public sealed record ServerTablePage(IReadOnlyList<ServerTableColumn> Columns, IReadOnlyList<ServerTableRow> Rows, string? Continue)
{
    /// <summary>The index of the column named <paramref name="name"/> (case-insensitive, as kubectl matches them), or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
