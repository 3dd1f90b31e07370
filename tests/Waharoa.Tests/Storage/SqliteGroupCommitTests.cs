using Microsoft.Data.Sqlite;
using Waharoa.Grants;
using Waharoa.Storage.Sqlite;

namespace Waharoa.Tests.Storage;

/// <summary>
/// The SQLite store commits concurrent token writes together. These tests make writes queue behind a lock another
/// connection holds, so that they meet in one transaction, and check that each still stands or falls alone.
/// </summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private string _folder = null!;
    private SqliteStore _store = null!;

    private string Database => Path.Combine(_folder, "waharoa.db");

    private string Scratch => Path.Combine(_folder, "scratch.db");

    public Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("waharoa-group-commit-").FullName;
        _store = SqliteStore.Open(Database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AddTokens_OneWriteFailsAmongQueuedOnes_OnlyThatWriteIsUndone()
    {
        var grant = await NewGrantAsync();
        var taken = Token("taken", grant);
        await _store.AddTokensAsync([taken], default);

        Task<bool>[] good;
        Task failing;
        await using (await HoldWriteLockAsync())
        {
            // The first write waits for the lock inside a transaction of its own; the rest queue behind it and go
            // into the next transaction together.
            var pilot = _store.AddTokensAsync([Token("pilot", grant)], default);
            await Task.Delay(200);
            good = [.. Enumerable.Range(0, 5).Select(i => _store.AddTokensAsync([Token($"good-{i}", grant)], default).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default))];

            // Its first token is new, its second already exists: the first must not stay behind when the second fails.
            failing = _store.AddTokensAsync([Token("half", grant), Token("taken", grant)], default);
            Assert.False(pilot.IsCompleted);
        }

        await Assert.ThrowsAsync<SqliteException>(() => failing);
        Assert.All(await Task.WhenAll(good), Assert.True);
        for (var i = 0; i < 5; i++)
        {
            Assert.NotNull(await _store.FindTokenAsync($"good-{i}", default));
        }

        Assert.NotNull(await _store.FindTokenAsync("pilot", default));
        Assert.Null(await _store.FindTokenAsync("half", default));
    }

    [Fact]
    public async Task RotateRefreshToken_SameTokenQueuedManyTimes_OneRotationWins()
    {
        var grant = await NewGrantAsync();
        await _store.AddTokensAsync([Token("refresh-0", grant, TokenKind.Refresh)], default);

        Task<bool>[] rotations;
        await using (await HoldWriteLockAsync())
        {
            rotations = [.. Enumerable.Range(0, 8).Select(i =>
                _store.RotateRefreshTokenAsync("refresh-0", Now, [Token($"refresh-next-{i}", grant, TokenKind.Refresh)], default))];
            await Task.Delay(200);
            Assert.DoesNotContain(rotations, r => r.IsCompleted);
        }

        var won = await Task.WhenAll(rotations);
        Assert.Single(won, w => w);
        var winner = Array.IndexOf(won, true);
        for (var i = 0; i < won.Length; i++)
        {
            var next = await _store.FindTokenAsync($"refresh-next-{i}", default);
            Assert.Equal(i == winner, next is not null);
        }
    }

    [Fact]
    public async Task AddTokens_WhileTheStoreStaysOpen_ReachTheDatabaseFileWithinSeconds()
    {
        var grant = await NewGrantAsync();
        await _store.AddTokensAsync([Token("checkpointed", grant)], default);

        // immutable=1 reads the database file alone, never the write-ahead log: what it shows has been checkpointed.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (!await InDatabaseFileSoFarAsync("checkpointed"))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the write-ahead log was not copied into the database file within 10 s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Writes_QueuedTogether_ShareCommits()
    {
        var commits = 0;
        await using var writer = new GroupCommit(() => OpenScratch(), new SemaphoreSlim(1, 1), () => Interlocked.Increment(ref commits));
        await writer.WriteAsync(c => c.Command("CREATE TABLE parent (id TEXT PRIMARY KEY)").ExecuteNonQuery(), default);
        Volatile.Write(ref commits, 0);

        Task[] writes;
        await using (await HoldWriteLockAsync(Scratch))
        {
            writes = [.. Enumerable.Range(0, 8).Select(i => writer.WriteAsync(c => c.Command("INSERT INTO parent VALUES ($id)", ("$id", $"p{i}")).ExecuteNonQuery(), default))];
            await Task.Delay(200);
        }

        await Task.WhenAll(writes);
        Assert.Equal(8, await CountAsync("parent"));

        // The first write may have gone ahead alone to wait for the lock; every other one waited and shared the next commit.
        Assert.InRange(Volatile.Read(ref commits), 1, 2);
    }

    [Fact]
    public async Task Writes_TheirCommitFails_AllFailNothingStandsAndTheNextWriteCommits()
    {
        // From the pool, so that a connection left inside the failed transaction would come back to the next batch.
        await using var writer = new GroupCommit(() => OpenScratch(pooled: true), new SemaphoreSlim(1, 1), () => { });
        await writer.WriteAsync(
            c => c.Command("CREATE TABLE parent (id TEXT PRIMARY KEY); CREATE TABLE child (id TEXT, parent_id TEXT REFERENCES parent (id));").ExecuteNonQuery(),
            default);

        Task pilot, good, poisoning;
        await using (await HoldWriteLockAsync(Scratch))
        {
            pilot = writer.WriteAsync(c => c.Command("INSERT INTO parent VALUES ('pilot')").ExecuteNonQuery(), default);
            await Task.Delay(200);
            good = writer.WriteAsync(c => c.Command("INSERT INTO parent VALUES ('lost')").ExecuteNonQuery(), default);

            // A foreign key checked only at COMMIT: the whole transaction fails there, and SQLite leaves it open.
            poisoning = writer.WriteAsync(c => c.Command("PRAGMA defer_foreign_keys = ON; INSERT INTO child VALUES ('c', 'no-such-parent');").ExecuteNonQuery(), default);
        }

        await pilot;
        await Assert.ThrowsAsync<SqliteException>(() => poisoning);
        await Assert.ThrowsAsync<SqliteException>(() => good);

        await writer.WriteAsync(c => c.Command("INSERT INTO parent VALUES ('after')").ExecuteNonQuery(), default);
        Assert.Equal(0, await CountAsync("child"));
        Assert.Equal(0, await CountAsync("parent WHERE id = 'lost'"));
        Assert.Equal(1, await CountAsync("parent WHERE id = 'after'"));
    }

    [Fact]
    public async Task Dispose_WithWritesQueued_CommitsThemThenRefusesMore()
    {
        var grant = await NewGrantAsync();
        Task queued;
        ValueTask disposing;
        await using (await HoldWriteLockAsync())
        {
            queued = _store.AddTokensAsync([Token("queued", grant)], default);
            disposing = _store.DisposeAsync();
        }

        await disposing;
        await queued;
        await _store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.AddTokensAsync([Token("late", grant)], default));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.FindTokenAsync("queued", default));

        await using var reopened = SqliteStore.Open(Database);
        Assert.NotNull(await reopened.FindTokenAsync("queued", default));
    }

    private SqliteConnection OpenScratch(bool pooled = false)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Scratch, Pooling = pooled }.ToString());
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    private async Task<long> CountAsync(string tableAndCondition)
    {
        await using var connection = OpenScratch();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {tableAndCondition}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IssuedToken Token(string jti, Grant grant, TokenKind kind = TokenKind.Access) =>
        new(jti, grant.GrantId, kind, Now, Now.AddHours(1));

    private async Task<Grant> NewGrantAsync()
    {
        var code = new AuthorizationCode($"code-{Guid.NewGuid():N}", "client-a", "alice", "https://app.example/callback", "MYIR.Services", Now, Now.AddMinutes(5));
        await _store.AddCodeAsync(code, default);
        var grant = new Grant($"grant-{Guid.NewGuid():N}", code.ClientId, code.Logon, code.Scope, GatewayEndpoint.Cloud, Now, null);
        var (outcome, _) = await _store.RedeemCodeAsync(code.CodeId, Now, _ => (grant, []), default);
        Assert.Equal(CodeRedemption.Redeemed, outcome);
        return grant;
    }

    /// <summary>Another connection takes SQLite's write lock (as a management verb in another process would) until disposed.</summary>
    private async Task<IAsyncDisposable> HoldWriteLockAsync(string? database = null)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database ?? Database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync();
        return new Lock(connection);
    }

    /// <summary>Whether the database file holds the token yet; a read torn by a checkpoint writing the file counts as not yet.</summary>
    private async Task<bool> InDatabaseFileSoFarAsync(string jti)
    {
        try
        {
            return await InDatabaseFileAsync(jti);
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private async Task<bool> InDatabaseFileAsync(string jti)
    {
        var uri = new Uri(Database).AbsoluteUri + "?immutable=1";
        await using var connection = new SqliteConnection($"Data Source={uri};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_schema WHERE name = 'tokens'";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return false; // not even the schema has been copied over yet
        }

        command.CommandText = "SELECT count(*) FROM tokens WHERE jti = $jti";
        command.Parameters.AddWithValue("$jti", jti);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    private sealed class Lock(SqliteConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var commit = connection.CreateCommand())
            {
                commit.CommandText = "COMMIT;";
                await commit.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        }
    }
}
