using System.Data.Common;
using System.Text;

namespace OpsBot.Storage.Sql;

/// <summary>Plain ADO.NET, the same on both providers: <c>@name</c> parameters, values converted by the caller.</summary>
internal static class DbCommandExtensions
{
    public static DbCommand CreateCommand(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds <c>@name</c> with <paramref name="value"/> (<see langword="null"/> becomes SQL NULL).</summary>
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>
    /// Appends <c> AND column IN (@column0, @column1, …)</c> to <paramref name="sql"/> and binds each of
    /// <paramref name="values"/>; nothing when there are none (no filter).
    /// </summary>
    public static DbCommand AndIn(this DbCommand command, StringBuilder sql, string column, IEnumerable<string> values)
    {
        var names = values.Select((value, i) => (Name: $"{column}{i}", Value: value)).ToList();
        if (names.Count > 0)
        {
            sql.Append($" AND {column} IN (").AppendJoin(", ", names.Select(name => "@" + name.Name)).Append(')');
            foreach (var (name, value) in names)
            {
                command.With(name, value);
            }
        }

        return command;
    }

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
