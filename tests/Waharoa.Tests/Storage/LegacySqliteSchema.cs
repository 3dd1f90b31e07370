using Microsoft.Data.Sqlite;

namespace Waharoa.Tests.Storage;

/// <summary>
/// Test fixture: the SQLite schema as builds before the shared SQL layer made it, so that tests can check that a
/// database made then works with today's statements. The five migrations below are copied verbatim from
/// <c>src/Waharoa.Storage.Sqlite/SqliteMigrations.cs</c> of commit 9d5a13b and must never be edited: they stand for
/// databases already out there.
/// </summary>
internal static class LegacySqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE clients (
            client_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            secret_hash TEXT NOT NULL,
            redirect_uris TEXT NOT NULL,
            cert_thumbprint TEXT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE users (
            logon TEXT PRIMARY KEY COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE failed_logons (
            logon TEXT NOT NULL COLLATE NOCASE,
            at INTEGER NOT NULL
        );
        CREATE INDEX failed_logons_by_logon ON failed_logons (logon, at);
        CREATE TABLE consents (
            logon TEXT NOT NULL COLLATE NOCASE,
            client_id TEXT NOT NULL,
            granted_at INTEGER NOT NULL,
            PRIMARY KEY (logon, client_id)
        );
        CREATE TABLE codes (
            code_id TEXT PRIMARY KEY,
            client_id TEXT NOT NULL,
            logon TEXT NOT NULL,
            redirect_uri TEXT NOT NULL,
            scope TEXT NOT NULL,
            issued_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            used_at INTEGER NULL,
            grant_id TEXT NULL
        );
        CREATE TABLE grants (
            grant_id TEXT PRIMARY KEY,
            client_id TEXT NOT NULL,
            logon TEXT NOT NULL COLLATE NOCASE,
            scope TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER NULL
        );
        CREATE INDEX grants_by_user_client ON grants (logon, client_id);
        CREATE TABLE tokens (
            jti TEXT PRIMARY KEY,
            grant_id TEXT NOT NULL REFERENCES grants (grant_id),
            kind TEXT NOT NULL,
            issued_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            revoked_at INTEGER NULL
        );
        CREATE INDEX tokens_by_grant ON tokens (grant_id);
        CREATE TABLE sessions (
            session_hash TEXT PRIMARY KEY,
            logon TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL,
            ended_at INTEGER NULL
        );
        """,
        """
        ALTER TABLE clients ADD COLUMN services TEXT NOT NULL DEFAULT '[]';
        CREATE INDEX clients_by_certificate ON clients (cert_thumbprint);
        """,
        """
        ALTER TABLE clients ADD COLUMN customer_ird TEXT NULL;
        CREATE TABLE customers (
            ird TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            customer_id TEXT NULL UNIQUE,
            intermediary INTEGER NOT NULL,
            tax_preparer INTEGER NOT NULL
        );
        CREATE TABLE accounts (
            account_id TEXT PRIMARY KEY,
            customer_ird TEXT NOT NULL,
            account_type TEXT NOT NULL,
            details TEXT NULL,
            eligible INTEGER NOT NULL
        );
        CREATE INDEX accounts_by_customer ON accounts (customer_ird);
        CREATE TABLE ownerships (
            logon TEXT NOT NULL COLLATE NOCASE,
            customer_ird TEXT NOT NULL,
            PRIMARY KEY (logon, customer_ird)
        );
        CREATE TABLE delegations (
            logon TEXT NOT NULL COLLATE NOCASE,
            customer_ird TEXT NOT NULL,
            access TEXT NOT NULL,
            PRIMARY KEY (logon, customer_ird)
        );
        CREATE TABLE agency_staff (
            logon TEXT NOT NULL COLLATE NOCASE,
            agency_ird TEXT NOT NULL,
            role TEXT NOT NULL,
            access TEXT NOT NULL,
            list_access TEXT NOT NULL,
            PRIMARY KEY (logon, agency_ird)
        );
        CREATE TABLE client_lists (
            list_id TEXT PRIMARY KEY,
            id_type TEXT NOT NULL,
            list_type TEXT NOT NULL,
            agency_ird TEXT NOT NULL,
            refund_account INTEGER NOT NULL
        );
        CREATE INDEX client_lists_by_agency ON client_lists (agency_ird);
        CREATE TABLE client_links (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            list_id TEXT NOT NULL,
            client_ird TEXT NOT NULL,
            account_type TEXT NOT NULL,
            redirect_mail INTEGER NOT NULL,
            redirect_disbursements INTEGER NOT NULL,
            status TEXT NOT NULL,
            UNIQUE (list_id, client_ird, account_type)
        );
        CREATE INDEX client_links_by_client ON client_links (client_ird);
        CREATE TABLE applied_seeds (
            content_hash TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            applied_at INTEGER NOT NULL
        );
        """,
        """
        ALTER TABLE codes ADD COLUMN code_challenge TEXT NULL;
        ALTER TABLE users ADD COLUMN subject TEXT NULL;
        """,
        """
        CREATE TABLE signing_keys (
            key_id TEXT PRIMARY KEY,
            certificate_pem TEXT NOT NULL,
            private_key_pem TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            retires_at INTEGER NULL
        );
        CREATE TABLE shared_files (
            name TEXT PRIMARY KEY,
            content BLOB NOT NULL,
            created_at INTEGER NOT NULL
        );
        """,
    ];

    /// <summary>Creates the database at <paramref name="path"/> at schema <paramref name="version"/>, as those builds did.</summary>
    public static void Create(string path, int version)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        for (var next = 0; next < version; next++)
        {
            using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = Migrations[next] + $"\nPRAGMA user_version = {next + 1};";
            migrate.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
