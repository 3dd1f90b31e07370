using Npgsql;

namespace Waharoa.Storage.Postgres;

/// <summary>
/// The start-up lock: a session-level advisory lock, keyed "Waharoa" and 2, on a connection of its own. Closing an
/// unpooled connection ends its session, so an instance that dies releases the lock with it.
/// </summary>
internal sealed class StartupLock : IAsyncDisposable
{
    private const long Key = 0x57616861726F6102;

    private readonly NpgsqlConnection _connection;
    private int _released;

    private StartupLock(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Waits for the lock, for as long as another instance is starting.</summary>
    /// <param name="unpooled">Connections that are closed, not pooled, when disposed: a lock must not outlive its holder in a pool.</param>
    /// <param name="cancellationToken">Bounds the wait.</param>
    public static async Task<StartupLock> AcquireAsync(NpgsqlDataSource unpooled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unpooled);
        var connection = await unpooled.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new StartupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 1)
        {
            return;
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The session is broken; closing it below releases the lock all the same.
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
