using System.Data.Common;

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

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
