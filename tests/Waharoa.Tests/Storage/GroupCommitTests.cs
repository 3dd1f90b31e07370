using Microsoft.Data.Sqlite;
using Waharoa.Storage.Sqlite;

namespace Waharoa.Tests.Storage;

/// <summary>
/// The group commit on a database of its own: writes queued behind a lock another connection holds meet in one
/// transaction, share its commit, and each still stands, fails or is abandoned alone.
/// </summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("waharoa-group-commit-").FullName;

    private string Scratch => Path.Combine(_folder, "scratch.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Writes_QueuedTogether_ShareCommits()
    {
        var commits = 0;
        await using var writer = new GroupCommit(() => OpenScratch(), () => Interlocked.Increment(ref commits));
        await writer.WriteAsync((s, ct) => s.ExecuteAsync("CREATE TABLE parent (id TEXT PRIMARY KEY)", ct), default);
        Volatile.Write(ref commits, 0);

        Task[] writes;
        await using (await SqliteWriteLock.HoldAsync(Scratch))
        {
            writes = [.. Enumerable.Range(0, 8).Select(i => writer.WriteAsync((s, ct) => s.ExecuteAsync("INSERT INTO parent VALUES (@id)", ct, ("@id", $"p{i}")), default))];
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
        await using var writer = new GroupCommit(() => OpenScratch(pooled: true), () => { });
        await writer.WriteAsync(
            (s, ct) => s.ExecuteAsync("CREATE TABLE parent (id TEXT PRIMARY KEY); CREATE TABLE child (id TEXT, parent_id TEXT REFERENCES parent (id));", ct),
            default);

        Task pilot, good, poisoning;
        await using (await SqliteWriteLock.HoldAsync(Scratch))
        {
            pilot = writer.WriteAsync((s, ct) => s.ExecuteAsync("INSERT INTO parent VALUES ('pilot')", ct), default);
            await Task.Delay(200);
            good = writer.WriteAsync((s, ct) => s.ExecuteAsync("INSERT INTO parent VALUES ('lost')", ct), default);

            // A foreign key checked only at COMMIT: the whole transaction fails there, and SQLite leaves it open.
            poisoning = writer.WriteAsync((s, ct) => s.ExecuteAsync("PRAGMA defer_foreign_keys = ON; INSERT INTO child VALUES ('c', 'no-such-parent');", ct), default);
        }

        await pilot;
        await Assert.ThrowsAsync<SqliteException>(() => poisoning);
        await Assert.ThrowsAsync<SqliteException>(() => good);

        await writer.WriteAsync((s, ct) => s.ExecuteAsync("INSERT INTO parent VALUES ('after')", ct), default);
        Assert.Equal(0, await CountAsync("child"));
        Assert.Equal(0, await CountAsync("parent WHERE id = 'lost'"));
        Assert.Equal(1, await CountAsync("parent WHERE id = 'after'"));
    }

    [Fact]
    public async Task Writes_OneAbandonedAmongQueuedOnes_OnlyThatWriteIsUndoneAndItsResultDelivered()
    {
        await using var writer = new GroupCommit(() => OpenScratch(), () => { });
        await writer.WriteAsync((s, ct) => s.ExecuteAsync("CREATE TABLE parent (id TEXT PRIMARY KEY)", ct), default);

        Task pilot, before, after;
        Task<string> abandoned;
        await using (await SqliteWriteLock.HoldAsync(Scratch))
        {
            pilot = writer.WriteAsync((s, ct) => s.ExecuteAsync("INSERT INTO parent VALUES ('pilot')", ct), default);
            await Task.Delay(200);
            before = writer.WriteAsync((s, ct) => s.ExecuteAsync("INSERT INTO parent VALUES ('before')", ct), default);
            abandoned = writer.WriteAsync(
                async (s, ct) =>
                {
                    await s.ExecuteAsync("INSERT INTO parent VALUES ('abandoned')", ct);
                    s.Abandon();
                    return "refused";
                },
                default);

            // Queued after the abandoned one, in the same batch: the abandon must not carry over to it.
            after = writer.WriteAsync((s, ct) => s.ExecuteAsync("INSERT INTO parent VALUES ('after')", ct), default);
        }

        await Task.WhenAll(pilot, before, after);
        Assert.Equal("refused", await abandoned);
        Assert.Equal(0, await CountAsync("parent WHERE id = 'abandoned'"));
        Assert.Equal(3, await CountAsync("parent"));
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
}
