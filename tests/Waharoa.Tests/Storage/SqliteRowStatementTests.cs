using Microsoft.Data.Sqlite;
using Waharoa.Storage.Sql;
using Waharoa.Storage.Sqlite;

namespace Waharoa.Tests.Storage;

/// <summary>
/// Rows run by position on SQLite's own handle (how the store writes recorded calls): each row's values land in their
/// columns, a row SQLite refuses (or one whose values fail part way) fails its write without spoiling the statement for
/// the next, and a row short of a value is refused before it can shift the others.
/// </summary>
public sealed class SqliteRowStatementTests : IDisposable
{
    private const string Insert = "INSERT INTO rows (name, size, note) VALUES (@name, @size, @note)";

    private readonly string _folder = Directory.CreateTempSubdirectory("waharoa-row-statement-").FullName;
    private readonly SqlSession _session;

    public SqliteRowStatementTests()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "rows.db")};Pooling=False");
        connection.Open();
        _session = new SqlSession(connection, SqliteDialect.Instance, synchronous: true, prepared: true);
        SqlSession.Completed(_session.ExecuteAsync("CREATE TABLE rows (name TEXT NOT NULL, size INTEGER NOT NULL, note TEXT NULL)", default));
    }

    public void Dispose()
    {
        _session.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task EachRow_ItsValuesInTheirColumns_NullsKept()
    {
        await _session.ExecuteEachAsync(Insert, [("a", 1L, (string?)"first"), ("b", 2L, null), ("c", 3L, "")], Values, default);

        Assert.Equal(["a|1|first", "b|2|(null)", "c|3|"], await RowsAsync());
    }

    [Fact]
    public async Task ARowSqliteRefuses_FailsTheWrite_TheNextBatchStillRuns()
    {
        var refused = await Assert.ThrowsAsync<SqliteException>(
            async () => await _session.ExecuteEachAsync(Insert, [("a", 1L, (string?)null), (null!, 2L, null)], Values, default));
        Assert.Equal(19, refused.SqliteErrorCode); // SQLITE_CONSTRAINT: name is NOT NULL
        Assert.Contains("rows.name", refused.Message, StringComparison.Ordinal);

        await _session.ExecuteEachAsync(Insert, [("c", 3L, (string?)null)], Values, default);

        Assert.Equal(["a|1|(null)", "c|3|(null)"], await RowsAsync());
    }

    [Fact]
    public async Task ARowShortOfAValue_RefusedBeforeItRuns()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await _session.ExecuteEachAsync(Insert, ["a"], (name, row) => row.Add(name), default));

        await _session.ExecuteEachAsync(Insert, [("b", 2L, (string?)"kept")], Values, default);
        Assert.Equal(["b|2|kept"], await RowsAsync());
    }

    [Fact]
    public async Task ABatchThatFailsPartWayThroughARow_TheNextBindsFromItsFirstValue()
    {
        await Assert.ThrowsAsync<FormatException>(async () => await _session.ExecuteEachAsync(
            Insert,
            ["a"],
            (name, row) =>
            {
                row.Add(name);
                throw new FormatException("a value that could not be read");
            },
            default));

        await _session.ExecuteEachAsync(Insert, [("b", 2L, (string?)"kept")], Values, default);
        Assert.Equal(["b|2|kept"], await RowsAsync());
    }

    private static void Values((string Name, long Size, string? Note) row, SqlRowStatement statement)
    {
        statement.Add(row.Name);
        statement.Add(row.Size);
        statement.Add(row.Note);
    }

    private async Task<IReadOnlyList<string>> RowsAsync() =>
        await _session.ListAsync("SELECT name, size, note FROM rows ORDER BY rowid", r => $"{r.GetString(0)}|{r.GetInt64(1)}|{(r.IsDBNull(2) ? "(null)" : r.GetString(2))}", default);
}
