using System.Collections.Concurrent;
using System.Data.Common;

namespace Waharoa.Storage.Sql;

/// <summary>
/// What one database's SQL differs in, and nothing more: column types, the case-insensitive match of logons, where
/// the schema version is kept, and the locks a database needs beyond its write transactions. Statements and
/// migrations are written once, as templates whose <c>{Token}</c>s <see cref="Render"/> fills in; the SQL both
/// databases accept (upserts, <c>RETURNING</c>, <c>substr</c>, <c>coalesce</c>, <c>CAST</c>) is written as it is.
/// </summary>
/// <param name="sameLogon">What <see cref="SameLogon"/> is.</param>
/// <param name="logonKey">What <see cref="LogonKey"/> is.</param>
/// <param name="schemaVersionQuery">What <see cref="SchemaVersionQuery"/> is.</param>
/// <param name="migrationLock">What <see cref="MigrationLock"/> is, if anything.</param>
/// <param name="signingKeysLock">What <see cref="SigningKeysLock"/> is, if anything.</param>
/// <param name="shareLock">What <see cref="ShareLock"/> is.</param>
internal abstract class SqlDialect(string sameLogon, string logonKey, string schemaVersionQuery, string? migrationLock = null, string? signingKeysLock = null, string shareLock = "")
{
    private static readonly ColumnKind[] Kinds = Enum.GetValues<ColumnKind>();

    private readonly ConcurrentDictionary<string, string> _rendered = new(StringComparer.Ordinal);

    /// <summary>
    /// <c>{SameLogon}</c>: a condition true where the row's <c>logon</c> is the parameter <c>@logon</c> in any case of
    /// its ASCII letters (only those: the databases fold no others alike).
    /// </summary>
    public string SameLogon { get; } = sameLogon;

    /// <summary>
    /// <c>{LogonKey}</c>: the key by which logons are unique and ordered, ignoring case; in unique indexes, conflict
    /// targets and <c>ORDER BY</c>.
    /// </summary>
    public string LogonKey { get; } = logonKey;

    /// <summary>
    /// <c>{ShareLock}</c>, after a query in a write: holds the rows it read against change until the write commits; empty
    /// where a write transaction already excludes every other writer.
    /// </summary>
    public string ShareLock { get; } = shareLock;

    /// <summary>A query whose one integer is the schema version the database is at (0 when it is new).</summary>
    public string SchemaVersionQuery { get; } = schemaVersionQuery;

    /// <summary>
    /// Run first in the migration transaction, so that instances starting together migrate one at a time and the
    /// version can be read; null where beginning the transaction is enough.
    /// </summary>
    public string? MigrationLock { get; } = migrationLock;

    /// <summary>
    /// Run first in a change of the signing keys, so that "no key yet" and "the keys not yet retired" hold until it
    /// commits; null where a write transaction already excludes every other writer.
    /// </summary>
    public string? SigningKeysLock { get; } = signingKeysLock;

    /// <summary>The column type for <paramref name="kind"/>: what the token <c>{Kind}</c> stands for.</summary>
    public abstract string ColumnType(ColumnKind kind);

    /// <summary>The statement recording, in the migration transaction, that the schema is now at <paramref name="version"/>.</summary>
    public abstract string SetSchemaVersion(int version);

    /// <summary>
    /// <paramref name="sql"/> (rendered) prepared on <paramref name="connection"/> to run row by row with its values bound
    /// by position, where the provider has such a way in; null to send the rows as one batch of the provider's.
    /// </summary>
    public virtual SqlRowStatement? PrepareRowStatement(DbConnection connection, string sql) => null;

    /// <summary><paramref name="template"/> with its tokens filled in; rendered once per template.</summary>
    public string Render(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Contains('{', StringComparison.Ordinal)
            ? _rendered.GetOrAdd(template, static (text, dialect) => dialect.Fill(text), this)
            : template;
    }

    private string Fill(string template)
    {
        var text = template.Replace("{SameLogon}", SameLogon, StringComparison.Ordinal).Replace("{LogonKey}", LogonKey, StringComparison.Ordinal)
            .Replace("{ShareLock}", ShareLock, StringComparison.Ordinal);
        foreach (var kind in Kinds)
        {
            text = text.Replace($"{{{kind}}}", ColumnType(kind), StringComparison.Ordinal);
        }

        return text.Contains('{', StringComparison.Ordinal)
            ? throw new InvalidOperationException($"A token of this statement has no value: {template}")
            : text;
    }
}
