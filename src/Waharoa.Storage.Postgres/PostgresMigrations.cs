using Npgsql;

namespace Waharoa.Storage.Postgres;

/// <summary>
/// Versioned schema migrations, tracked in the <c>schema_version</c> table (one row per version applied). Version
/// <i>n</i> holds what SQLite's version <i>n</i> holds, so both providers report the same version.
/// </summary>
/// <remarks>
/// Times are <c>bigint</c> Unix milliseconds, as in SQLite. Identifiers and logons are <c>COLLATE "C"</c>: they
/// compare and sort byte by byte, as SQLite's BINARY does, whatever the database's default collation, and
/// <c>lower()</c> on them folds ASCII only, as NOCASE does; a unique index on <c>lower(logon)</c> stands for
/// SQLite's NOCASE keys.
/// </remarks>
internal static class PostgresMigrations
{
    /// <summary>The advisory lock key that serialises migrations ("Waharoa" and 1).</summary>
    private const long MigrationLockKey = 0x57616861726F6101;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE clients (
            client_id text COLLATE "C" PRIMARY KEY,
            name text NOT NULL,
            kind text NOT NULL,
            secret_hash text NOT NULL,
            redirect_uris text NOT NULL,
            cert_thumbprint text COLLATE "C" NULL,
            created_at bigint NOT NULL
        );
        CREATE TABLE users (
            logon text COLLATE "C" NOT NULL,
            password_hash text NOT NULL,
            created_at bigint NOT NULL
        );
        CREATE UNIQUE INDEX users_by_logon ON users (lower(logon));
        CREATE TABLE failed_logons (
            logon text COLLATE "C" NOT NULL,
            at bigint NOT NULL
        );
        CREATE INDEX failed_logons_by_logon ON failed_logons (lower(logon), at);
        CREATE TABLE consents (
            logon text COLLATE "C" NOT NULL,
            client_id text COLLATE "C" NOT NULL,
            granted_at bigint NOT NULL
        );
        CREATE UNIQUE INDEX consents_by_logon_client ON consents (lower(logon), client_id);
        CREATE TABLE codes (
            code_id text COLLATE "C" PRIMARY KEY,
            client_id text COLLATE "C" NOT NULL,
            logon text COLLATE "C" NOT NULL,
            redirect_uri text NOT NULL,
            scope text NOT NULL,
            issued_at bigint NOT NULL,
            expires_at bigint NOT NULL,
            used_at bigint NULL,
            grant_id text COLLATE "C" NULL
        );
        CREATE TABLE grants (
            grant_id text COLLATE "C" PRIMARY KEY,
            client_id text COLLATE "C" NOT NULL,
            logon text COLLATE "C" NOT NULL,
            scope text NOT NULL,
            endpoint text NOT NULL,
            created_at bigint NOT NULL,
            revoked_at bigint NULL
        );
        CREATE INDEX grants_by_user_client ON grants (lower(logon), client_id);
        CREATE TABLE tokens (
            jti text COLLATE "C" PRIMARY KEY,
            grant_id text COLLATE "C" NOT NULL REFERENCES grants (grant_id),
            kind text NOT NULL,
            issued_at bigint NOT NULL,
            expires_at bigint NOT NULL,
            revoked_at bigint NULL
        );
        CREATE INDEX tokens_by_grant ON tokens (grant_id);
        CREATE TABLE sessions (
            session_hash text COLLATE "C" PRIMARY KEY,
            logon text COLLATE "C" NOT NULL,
            created_at bigint NOT NULL,
            last_seen_at bigint NOT NULL,
            ended_at bigint NULL
        );
        """,
        """
        ALTER TABLE clients ADD COLUMN services text NOT NULL DEFAULT '[]';
        CREATE INDEX clients_by_certificate ON clients (cert_thumbprint);
        """,
        """
        ALTER TABLE clients ADD COLUMN customer_ird text COLLATE "C" NULL;
        CREATE TABLE customers (
            ird text COLLATE "C" PRIMARY KEY,
            name text NOT NULL,
            customer_id text COLLATE "C" NULL UNIQUE,
            intermediary boolean NOT NULL,
            tax_preparer boolean NOT NULL
        );
        CREATE TABLE accounts (
            account_id text COLLATE "C" PRIMARY KEY,
            customer_ird text COLLATE "C" NOT NULL,
            account_type text COLLATE "C" NOT NULL,
            details text NULL,
            eligible boolean NOT NULL
        );
        CREATE INDEX accounts_by_customer ON accounts (customer_ird);
        CREATE TABLE ownerships (
            logon text COLLATE "C" NOT NULL,
            customer_ird text COLLATE "C" NOT NULL
        );
        CREATE UNIQUE INDEX ownerships_by_logon ON ownerships (lower(logon), customer_ird);
        CREATE TABLE delegations (
            logon text COLLATE "C" NOT NULL,
            customer_ird text COLLATE "C" NOT NULL,
            access text NOT NULL
        );
        CREATE UNIQUE INDEX delegations_by_logon ON delegations (lower(logon), customer_ird);
        CREATE TABLE agency_staff (
            logon text COLLATE "C" NOT NULL,
            agency_ird text COLLATE "C" NOT NULL,
            role text NOT NULL,
            access text NOT NULL,
            list_access text NOT NULL
        );
        CREATE UNIQUE INDEX agency_staff_by_logon ON agency_staff (lower(logon), agency_ird);
        CREATE TABLE client_lists (
            list_id text COLLATE "C" PRIMARY KEY,
            id_type text NOT NULL,
            list_type text NOT NULL,
            agency_ird text COLLATE "C" NOT NULL,
            refund_account boolean NOT NULL
        );
        CREATE INDEX client_lists_by_agency ON client_lists (agency_ird);
        CREATE TABLE client_links (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            list_id text COLLATE "C" NOT NULL,
            client_ird text COLLATE "C" NOT NULL,
            account_type text COLLATE "C" NOT NULL,
            redirect_mail boolean NOT NULL,
            redirect_disbursements boolean NOT NULL,
            status text NOT NULL,
            UNIQUE (list_id, client_ird, account_type)
        );
        CREATE INDEX client_links_by_client ON client_links (client_ird);
        CREATE TABLE applied_seeds (
            content_hash text COLLATE "C" PRIMARY KEY,
            source text NOT NULL,
            applied_at bigint NOT NULL
        );
        """,
        """
        ALTER TABLE codes ADD COLUMN code_challenge text NULL;
        ALTER TABLE users ADD COLUMN subject text NULL;
        """,
        """
        CREATE TABLE signing_keys (
            key_id text COLLATE "C" PRIMARY KEY,
            certificate_pem text NOT NULL,
            private_key_pem text NOT NULL,
            created_at bigint NOT NULL,
            retires_at bigint NULL
        );
        CREATE TABLE shared_files (
            name text COLLATE "C" PRIMARY KEY,
            content bytea NOT NULL,
            created_at bigint NOT NULL
        );
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>
    /// Brings the schema to <see cref="LatestVersion"/> in one transaction, under a transaction-level advisory lock:
    /// an instance that starts while another migrates waits, then finds the work done.
    /// </summary>
    public static async Task ApplyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", MigrationLockKey);
            lockCommand.CommandTimeout = 0;
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var create = new NpgsqlCommand(
            "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at bigint NOT NULL)", connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var version = await VersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (version > LatestVersion)
        {
            throw new InvalidOperationException($"The database has schema version {version}, newer than this build's {LatestVersion}. Upgrade Waharoa.");
        }

        for (var next = version; next < LatestVersion; next++)
        {
            await using var migrate = new NpgsqlCommand(
                Migrations[next] + "\nINSERT INTO schema_version (version, applied_at) VALUES (@version, (extract(epoch FROM clock_timestamp()) * 1000)::bigint);",
                connection,
                transaction);
            migrate.Parameters.AddWithValue("version", next + 1);
            await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The highest version applied; 0 for an empty database.</summary>
    public static async Task<int> VersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection, transaction);
        return Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
