using System.Globalization;
using Waharoa.Storage.Sql;

namespace Waharoa.Storage.Postgres;

/// <summary>
/// PostgreSQL's SQL. Identifiers and logons are <c>COLLATE "C"</c>: they compare and sort byte by byte, as SQLite's
/// BINARY does, whatever the database's default collation, and <c>lower()</c> on them folds ASCII letters only, as
/// SQLite's NOCASE does; a unique index on <c>lower(logon)</c> stands for SQLite's NOCASE keys and serves the matches.
/// The schema version is kept in the <c>schema_version</c> table, one row per version applied.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    /// <summary>The one instance.</summary>
    public static readonly PostgresDialect Instance = new();

    private PostgresDialect()
        : base(
            sameLogon: "lower(logon) = lower(@logon COLLATE \"C\")",
            logonKey: "(lower(logon))",
            schemaVersionQuery: "SELECT coalesce(max(version), 0) FROM schema_version",

            // A transaction-level advisory lock, keyed "Waharoa" and 1, released when the migration commits.
            migrationLock: """
                SELECT pg_advisory_xact_lock(x'57616861726F6101'::bigint);
                CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at bigint NOT NULL);
                """,

            // Excludes other changes of the keys, and lets readers through.
            signingKeysLock: "LOCK TABLE signing_keys IN SHARE ROW EXCLUSIVE MODE",

            // Under READ COMMITTED a row read in a write may change before it commits, unless locked.
            shareLock: "FOR SHARE")
    {
    }

    /// <inheritdoc />
    public override string ColumnType(ColumnKind kind) => kind switch
    {
        ColumnKind.Text => "text",
        ColumnKind.Time or ColumnKind.Integer => "bigint",
        ColumnKind.Flag => "boolean",
        ColumnKind.Bytes => "bytea",
        ColumnKind.Sequence => "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
        _ => "text COLLATE \"C\"",
    };

    /// <inheritdoc />
    public override string SetSchemaVersion(int version) =>
        string.Create(CultureInfo.InvariantCulture, $"INSERT INTO schema_version (version, applied_at) VALUES ({version}, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)");
}
