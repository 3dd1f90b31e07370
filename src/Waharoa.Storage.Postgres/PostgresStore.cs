using Npgsql;

namespace Waharoa.Storage.Postgres;

/// <summary>
/// The shared store: one PostgreSQL database that several Waharoa instances use at once. Every write a response
/// depends on is committed before the response; what must happen once (redeeming a code, rotating a refresh token
/// or a signing key) is decided by the database, so it holds across instances.
/// </summary>
/// <remarks>
/// Npgsql's exceptions (a lost connection, a failover) reach the caller as they are; every connection goes back to
/// the pool however a call ends.
/// </remarks>
public sealed partial class PostgresStore : IWaharoaStore
{
    /// <summary>The advisory lock key of <see cref="AcquireStartupLockAsync"/> ("Waharoa" and 2).</summary>
    private const long StartupLockKey = 0x57616861726F6102;

    private readonly NpgsqlDataSource _dataSource;

    // The start-up lock is held by a session, so its connection must not go back to a pool where the lock would
    // outlive the holder: closing an unpooled connection ends the session and with it the lock.
    private readonly NpgsqlDataSource _lockSource;

    private PostgresStore(NpgsqlDataSource dataSource, NpgsqlDataSource lockSource)
    {
        _dataSource = dataSource;
        _lockSource = lockSource;
    }

    /// <summary>
    /// Opens the database named by <paramref name="connectionString"/> (an Npgsql connection string), creating or
    /// upgrading its schema. Several instances may open one database at once: they migrate one at a time.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The database could not be reached, or its schema is newer than this build's.
    /// </exception>
    public static async Task<PostgresStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var dataSource = NpgsqlDataSource.Create(settings);
        var lockSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false });
        try
        {
            await using (var connection = await ConnectAsync(dataSource, settings, cancellationToken).ConfigureAwait(false))
            {
                await PostgresMigrations.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return new PostgresStore(dataSource, lockSource);
        }
        catch
        {
            await lockSource.DisposeAsync().ConfigureAwait(false);
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public string Provider => "postgresql";

    /// <inheritdoc />
    public bool IsShared => true;

    /// <inheritdoc />
    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresMigrations.VersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>A session-level advisory lock on a connection of its own; an instance that dies releases it with its connection.</remarks>
    public async Task<IAsyncDisposable> AcquireStartupLockAsync(CancellationToken cancellationToken)
    {
        var connection = await _lockSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", StartupLockKey);

            // Waits for as long as another instance is starting; the caller's token bounds the wait.
            command.CommandTimeout = 0;
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
        await _lockSource.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<NpgsqlConnection> ConnectAsync(NpgsqlDataSource dataSource, NpgsqlConnectionStringBuilder settings, CancellationToken cancellationToken)
    {
        try
        {
            return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            // Npgsql's own message names neither the database nor (when a socket fails) the reason; never the password.
            throw new InvalidOperationException(
                $"The PostgreSQL database '{settings.Database ?? settings.Username}' at {settings.Host}:{settings.Port} could not be reached: {ex.GetBaseException().Message}",
                ex);
        }
    }

    private sealed class StartupLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1)
            {
                return;
            }

            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", StartupLockKey);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The session is broken; closing it below releases the lock all the same.
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
