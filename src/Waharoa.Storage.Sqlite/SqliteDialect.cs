using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Waharoa.Storage.Sql;

namespace Waharoa.Storage.Sqlite;

/// <summary>
/// SQLite's SQL. Its logon columns are <c>COLLATE NOCASE</c>, so a plain comparison, index or sort on them already
/// ignores the case of ASCII letters (and of no others); the schema version is the database header's
/// <c>user_version</c>; and a write transaction (<c>BEGIN IMMEDIATE</c>) excludes every other writer, so nothing
/// needs locking beyond it.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    /// <summary>The one instance.</summary>
    public static readonly SqliteDialect Instance = new();

    private SqliteDialect()
        : base(sameLogon: "logon = @logon", logonKey: "logon", schemaVersionQuery: "PRAGMA user_version")
    {
    }

    /// <inheritdoc />
    /// <remarks>SQLite stores text, integers and blobs; a column's declared type only picks which.</remarks>
    public override string ColumnType(ColumnKind kind) => kind switch
    {
        ColumnKind.Logon => "TEXT COLLATE NOCASE",
        ColumnKind.Time or ColumnKind.Flag or ColumnKind.Integer => "INTEGER",
        ColumnKind.Bytes => "BLOB",
        ColumnKind.Sequence => "INTEGER PRIMARY KEY AUTOINCREMENT",
        _ => "TEXT",
    };

    /// <inheritdoc />
    public override SqlRowStatement? PrepareRowStatement(DbConnection connection, string sql) =>
        new SqliteRowStatement((SqliteConnection)connection, sql);

    /// <inheritdoc />
    public override string SetSchemaVersion(int version) => string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {version}");
}
