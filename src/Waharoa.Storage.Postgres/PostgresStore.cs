using Npgsql;
using Waharoa.Storage.Sql;

namespace Waharoa.Storage.Postgres;

/// <summary>
/// The shared store: one PostgreSQL database that several Waharoa instances use at once. Every write a response
/// depends on is committed before the response; what must happen once (using a code, spending a refresh token,
/// rotating a signing key) is decided by the database, so it holds across instances.
/// </summary>
/// <remarks>
/// Npgsql's exceptions (a lost connection, a failover) reach the caller as they are; every connection goes back to
/// the pool however a call ends.
/// </remarks>
public sealed class PostgresStore : SqlStore
{
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
            // No time limit: an instance starting while another migrates waits for it, for as long as the caller lets it.
            var connection = await ConnectAsync(dataSource, settings, cancellationToken).ConfigureAwait(false);
            await using (var session = new SqlSession(connection, PostgresDialect.Instance, synchronous: false, prepared: false) { CommandTimeout = 0 })
            {
                await SqlMigrations.ApplyAsync(session, cancellationToken).ConfigureAwait(false);
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
    public override string Provider => "postgresql";

    /// <inheritdoc />
    public override bool IsShared => true;

    /// <inheritdoc />
    public override async Task<IAsyncDisposable> AcquireStartupLockAsync(CancellationToken cancellationToken) =>
        await StartupLock.AcquireAsync(_lockSource, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _lockSource.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>On a pooled connection, returned when the read ends.</remarks>
    private protected override Task<T> ReadAsync<T>(Func<SqlSession, CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken) =>
        OnConnectionAsync(read, cancellationToken);

    /// <summary>
    /// How many times a write is run when PostgreSQL keeps choosing it to end a deadlock. Writes take the rows they share
    /// in one order, so none should wait on another for good; one that does anyway (a line moved to a third employee while
    /// its write waited, say) is undone by PostgreSQL after its <c>deadlock_timeout</c> and run again from the start.
    /// </summary>
    private const int DeadlockAttempts = 3;

    /// <inheritdoc />
    /// <remarks>
    /// In a transaction on a pooled connection: a write from another instance that meets the same rows waits for it. A
    /// write PostgreSQL undid to end a deadlock is run again (<see cref="DeadlockAttempts"/>).
    /// </remarks>
    private protected override Task<T> WriteAsync<T>(Func<SqlSession, CancellationToken, ValueTask<T>> write, CancellationToken cancellationToken) =>
        AgainAfterDeadlockAsync(() => OnConnectionAsync((session, ct) => session.InTransactionAsync(write, ct), cancellationToken));

    /// <inheritdoc />
    /// <remarks>In autocommit: one statement is atomic by itself, and a transaction of its own would cost a round trip more for its COMMIT.</remarks>
    private protected override Task<T> WriteStatementAsync<T>(Func<SqlSession, CancellationToken, ValueTask<T>> write, CancellationToken cancellationToken) =>
        AgainAfterDeadlockAsync(() => OnConnectionAsync(write, cancellationToken));

    private static async Task<T> AgainAfterDeadlockAsync<T>(Func<Task<T>> write)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await write().ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < DeadlockAttempts)
            {
                // Undone as a whole (the transaction, or the one statement): nothing of it stands, so it runs again.
            }
        }
    }

    private async Task<T> OnConnectionAsync<T>(Func<SqlSession, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var session = new SqlSession(connection, PostgresDialect.Instance, synchronous: false, prepared: false);
        return await work(session, cancellationToken).ConfigureAwait(false);
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
}
