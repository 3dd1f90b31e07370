using Npgsql;

namespace Waharoa.Tests.Storage;

/// <summary>A statement run in a PostgreSQL transaction of its own connection, committed when disposed.</summary>
internal sealed class PostgresOpenTransaction : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private PostgresOpenTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        (_connection, _transaction) = (connection, transaction);

    /// <summary>Runs <paramref name="statement"/> and leaves its transaction open: the rows it changed stay locked.</summary>
    public static async Task<PostgresOpenTransaction> BeginAsync(string connectionString, string statement)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(statement, connection, transaction);
        await command.ExecuteNonQueryAsync();
        return new PostgresOpenTransaction(connection, transaction);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.CommitAsync();
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
