namespace Waharoa.Storage.Sql;

/// <summary>
/// The versioned schema, written once as templates each dialect renders, and the one way of applying it. Version
/// <i>n</i> holds the same tables, columns and indexes on every database, so every provider reports the same version.
/// </summary>
/// <remarks>
/// Identifiers compare byte by byte. Logons are unique and matched ignoring the case of ASCII letters: SQLite's
/// logon columns are <c>COLLATE NOCASE</c>, so a plain index on them is case-insensitive; PostgreSQL's are
/// <c>COLLATE "C"</c>, indexed on <c>lower(logon)</c>. A database made by an earlier build, with primary keys where
/// these have unique indexes, works with the same statements.
/// </remarks>
internal static class SqlMigrations
{
    private static readonly string[] Templates =
    [
        """
        CREATE TABLE clients (
            client_id {Identifier} PRIMARY KEY,
            name {Text} NOT NULL,
            kind {Text} NOT NULL,
            secret_hash {Text} NOT NULL,
            redirect_uris {Text} NOT NULL,
            cert_thumbprint {Identifier} NULL,
            created_at {Time} NOT NULL
        );
        CREATE TABLE users (
            logon {Logon} NOT NULL,
            password_hash {Text} NOT NULL,
            created_at {Time} NOT NULL
        );
        CREATE UNIQUE INDEX users_by_logon ON users ({LogonKey});
        CREATE TABLE failed_logons (
            logon {Logon} NOT NULL,
            at {Time} NOT NULL
        );
        CREATE INDEX failed_logons_by_logon ON failed_logons ({LogonKey}, at);
        CREATE TABLE consents (
            logon {Logon} NOT NULL,
            client_id {Identifier} NOT NULL,
            granted_at {Time} NOT NULL
        );
        CREATE UNIQUE INDEX consents_by_logon_client ON consents ({LogonKey}, client_id);
        CREATE TABLE codes (
            code_id {Identifier} PRIMARY KEY,
            client_id {Identifier} NOT NULL,
            logon {Identifier} NOT NULL,
            redirect_uri {Text} NOT NULL,
            scope {Text} NOT NULL,
            issued_at {Time} NOT NULL,
            expires_at {Time} NOT NULL,
            used_at {Time} NULL,
            grant_id {Identifier} NULL
        );
        CREATE TABLE grants (
            grant_id {Identifier} PRIMARY KEY,
            client_id {Identifier} NOT NULL,
            logon {Logon} NOT NULL,
            scope {Text} NOT NULL,
            endpoint {Text} NOT NULL,
            created_at {Time} NOT NULL,
            revoked_at {Time} NULL
        );
        CREATE INDEX grants_by_user_client ON grants ({LogonKey}, client_id);
        CREATE TABLE tokens (
            jti {Identifier} PRIMARY KEY,
            grant_id {Identifier} NOT NULL REFERENCES grants (grant_id),
            kind {Text} NOT NULL,
            issued_at {Time} NOT NULL,
            expires_at {Time} NOT NULL,
            revoked_at {Time} NULL
        );
        CREATE INDEX tokens_by_grant ON tokens (grant_id);
        CREATE TABLE sessions (
            session_hash {Identifier} PRIMARY KEY,
            logon {Identifier} NOT NULL,
            created_at {Time} NOT NULL,
            last_seen_at {Time} NOT NULL,
            ended_at {Time} NULL
        );
        """,
        """
        ALTER TABLE clients ADD COLUMN services {Text} NOT NULL DEFAULT '[]';
        CREATE INDEX clients_by_certificate ON clients (cert_thumbprint);
        """,
        """
        ALTER TABLE clients ADD COLUMN customer_ird {Identifier} NULL;
        CREATE TABLE customers (
            ird {Identifier} PRIMARY KEY,
            name {Text} NOT NULL,
            customer_id {Identifier} NULL UNIQUE,
            intermediary {Flag} NOT NULL,
            tax_preparer {Flag} NOT NULL
        );
        CREATE TABLE accounts (
            account_id {Identifier} PRIMARY KEY,
            customer_ird {Identifier} NOT NULL,
            account_type {Identifier} NOT NULL,
            details {Text} NULL,
            eligible {Flag} NOT NULL
        );
        CREATE INDEX accounts_by_customer ON accounts (customer_ird);
        CREATE TABLE ownerships (
            logon {Logon} NOT NULL,
            customer_ird {Identifier} NOT NULL
        );
        CREATE UNIQUE INDEX ownerships_by_logon ON ownerships ({LogonKey}, customer_ird);
        CREATE TABLE delegations (
            logon {Logon} NOT NULL,
            customer_ird {Identifier} NOT NULL,
            access {Text} NOT NULL
        );
        CREATE UNIQUE INDEX delegations_by_logon ON delegations ({LogonKey}, customer_ird);
        CREATE TABLE agency_staff (
            logon {Logon} NOT NULL,
            agency_ird {Identifier} NOT NULL,
            role {Text} NOT NULL,
            access {Text} NOT NULL,
            list_access {Text} NOT NULL
        );
        CREATE UNIQUE INDEX agency_staff_by_logon ON agency_staff ({LogonKey}, agency_ird);
        CREATE TABLE client_lists (
            list_id {Identifier} PRIMARY KEY,
            id_type {Text} NOT NULL,
            list_type {Text} NOT NULL,
            agency_ird {Identifier} NOT NULL,
            refund_account {Flag} NOT NULL
        );
        CREATE INDEX client_lists_by_agency ON client_lists (agency_ird);
        CREATE TABLE client_links (
            seq {Sequence},
            list_id {Identifier} NOT NULL,
            client_ird {Identifier} NOT NULL,
            account_type {Identifier} NOT NULL,
            redirect_mail {Flag} NOT NULL,
            redirect_disbursements {Flag} NOT NULL,
            status {Text} NOT NULL,
            UNIQUE (list_id, client_ird, account_type)
        );
        CREATE INDEX client_links_by_client ON client_links (client_ird);
        CREATE TABLE applied_seeds (
            content_hash {Identifier} PRIMARY KEY,
            source {Text} NOT NULL,
            applied_at {Time} NOT NULL
        );
        """,
        """
        ALTER TABLE codes ADD COLUMN code_challenge {Text} NULL;
        ALTER TABLE users ADD COLUMN subject {Text} NULL;
        """,
        """
        CREATE TABLE signing_keys (
            key_id {Identifier} PRIMARY KEY,
            certificate_pem {Text} NOT NULL,
            private_key_pem {Text} NOT NULL,
            created_at {Time} NOT NULL,
            retires_at {Time} NULL
        );
        CREATE TABLE shared_files (
            name {Identifier} PRIMARY KEY,
            content {Bytes} NOT NULL,
            created_at {Time} NOT NULL
        );
        """,
        """
        ALTER TABLE clients ADD COLUMN signing_certificates {Text} NOT NULL DEFAULT '[]';
        ALTER TABLE clients ADD COLUMN cert_common_name {Text} NULL;
        CREATE INDEX clients_by_common_name ON clients (cert_common_name);
        """,
        """
        CREATE TABLE return_profiles (
            account_id {Identifier} NOT NULL,
            major_form_type {Identifier} NOT NULL,
            settings {Text} NOT NULL,
            PRIMARY KEY (account_id, major_form_type)
        );
        CREATE TABLE filed_returns (
            account_id {Identifier} NOT NULL,
            major_form_type {Identifier} NOT NULL,
            period_end {Identifier} NOT NULL,
            minor_form_type {Identifier} NULL,
            submission_key {Integer} NOT NULL UNIQUE,
            status {Identifier} NOT NULL,
            is_nil {Flag} NOT NULL,
            form_fields {Text} NOT NULL,
            filed_at {Time} NOT NULL,
            amended_at {Time} NULL,
            amendments {Integer} NOT NULL,
            PRIMARY KEY (account_id, major_form_type, period_end)
        );
        """,
        """
        CREATE TABLE employment_lines (
            line_id {Identifier} PRIMARY KEY,
            account_id {Identifier} NOT NULL,
            employer_ird {Identifier} NOT NULL,
            employee_ird {Identifier} NOT NULL,
            name_on_ei_line {Text} NOT NULL,
            name_title {Text} NULL,
            name_first {Text} NOT NULL,
            name_surname {Text} NULL,
            name_middle {Text} NULL,
            tax_codes {Text} NOT NULL,
            start_date {Identifier} NULL,
            finish_date {Identifier} NULL,
            date_of_birth {Identifier} NULL,
            details {Text} NOT NULL,
            valid {Flag} NOT NULL,
            created_at {Time} NOT NULL,
            updated_at {Time} NOT NULL
        );
        CREATE INDEX employment_lines_by_employee ON employment_lines (account_id, employee_ird);
        CREATE TABLE employment_writers (
            account_id {Identifier} NOT NULL,
            employee_ird {Identifier} NOT NULL,
            writes {Integer} NOT NULL,
            PRIMARY KEY (account_id, employee_ird)
        );
        CREATE TABLE employer_events (
            seq {Sequence},
            account_id {Identifier} NOT NULL,
            event_id {Integer} NOT NULL,
            event_type {Identifier} NOT NULL,
            employee_ird {Identifier} NULL,
            created {Identifier} NOT NULL,
            fields {Text} NOT NULL,
            UNIQUE (account_id, event_id)
        );
        """,
        // Employment Information files several returns a period (one or more a pay day), known by submission key: the
        // period stays unique only for returns that are their period's only one (no pay day). SQLite cannot drop a
        // primary key, so the table is rebuilt.
        """
        CREATE TABLE filed_returns_next (
            account_id {Identifier} NOT NULL,
            major_form_type {Identifier} NOT NULL,
            period_end {Identifier} NOT NULL,
            pay_day {Identifier} NULL,
            minor_form_type {Identifier} NULL,
            submission_key {Integer} NOT NULL UNIQUE,
            status {Identifier} NOT NULL,
            is_nil {Flag} NOT NULL,
            form_fields {Text} NOT NULL,
            payload_hash {Identifier} NULL,
            filed_at {Time} NOT NULL,
            amended_at {Time} NULL,
            amendments {Integer} NOT NULL
        );
        INSERT INTO filed_returns_next (account_id, major_form_type, period_end, pay_day, minor_form_type, submission_key, status, is_nil,
            form_fields, payload_hash, filed_at, amended_at, amendments)
        SELECT account_id, major_form_type, period_end, NULL, minor_form_type, submission_key, status, is_nil, form_fields, NULL, filed_at,
            amended_at, amendments FROM filed_returns;
        DROP TABLE filed_returns;
        ALTER TABLE filed_returns_next RENAME TO filed_returns;
        CREATE UNIQUE INDEX filed_returns_by_period ON filed_returns (account_id, major_form_type, period_end) WHERE pay_day IS NULL;
        CREATE INDEX filed_returns_by_pay_day ON filed_returns (account_id, pay_day);
        """,
        // The software platform values IR assigned a DSP at onboarding; an empty list accepts any platform.
        """
        ALTER TABLE clients ADD COLUMN software_platforms {Text} NOT NULL DEFAULT '[]';
        """,
        // 11: the virtual clock's setting, one row (id 1): the offset from the real clock, and when it was changed.
        """
        CREATE TABLE clock (
            id {Integer} PRIMARY KEY,
            offset_ms {Integer} NOT NULL,
            changed_at {Time} NOT NULL
        );
        """,
        // 12: scenario injection rules, shared by every instance; remaining is null for a rule without a count.
        """
        CREATE TABLE scenario_rules (
            name {Identifier} PRIMARY KEY,
            definition {Text} NOT NULL,
            remaining {Integer} NULL,
            fired {Integer} NOT NULL,
            updated_at {Time} NOT NULL
        );
        """,
        // 13: the calls DSP clients made, as recorded (redacted), kept per client up to a bound: read by client, newest first.
        """
        CREATE TABLE recorded_calls (
            id {Sequence},
            at {Time} NOT NULL,
            duration_us {Integer} NOT NULL,
            client_key {Identifier} NOT NULL,
            client_id {Identifier} NULL,
            endpoint {Identifier} NOT NULL,
            area {Identifier} NOT NULL,
            service {Identifier} NULL,
            operation {Text} NULL,
            grant_type {Identifier} NULL,
            authentication {Identifier} NULL,
            logon {Text} NULL,
            ird_number {Identifier} NULL,
            method {Identifier} NOT NULL,
            path {Text} NOT NULL,
            status {Integer} NOT NULL,
            ir_code {Identifier} NULL,
            reason {Text} NULL,
            scenario {Text} NULL,
            flags {Text} NOT NULL,
            request_headers {Text} NOT NULL,
            request_body {Text} NOT NULL,
            response_headers {Text} NOT NULL,
            response_body {Text} NOT NULL
        );
        CREATE INDEX recorded_calls_by_client ON recorded_calls (client_key, id);
        CREATE INDEX recorded_calls_by_time ON recorded_calls (at);
        CREATE TABLE recorded_call_writers (
            client_key {Identifier} PRIMARY KEY,
            writes {Integer} NOT NULL
        );
        """,
        // 14: a client an operator disabled: refused everywhere as an unknown client is, until enabled again.
        """
        ALTER TABLE clients ADD COLUMN disabled {Integer} NOT NULL DEFAULT 0;
        """,
        // 15: when an EI return was originally filed, as IR's four-year time bar on amendments (180) counts it; null for a
        // seeded return without a filing date, and for returns stored before this version, which are never time-barred.
        """
        ALTER TABLE filed_returns ADD COLUMN originally_filed_at {Time} NULL;
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int LatestVersion => Templates.Length;

    /// <summary>
    /// Brings the schema to <see cref="LatestVersion"/> in one transaction on <paramref name="session"/>, after the
    /// dialect's migration lock: an instance that starts while another migrates waits, then finds the work done.
    /// </summary>
    /// <returns>The version the database was at before.</returns>
    /// <exception cref="InvalidOperationException">The database's schema is newer than this build's.</exception>
    public static ValueTask<int> ApplyAsync(SqlSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.InTransactionAsync(MigrateAsync, cancellationToken);
    }

    private static async ValueTask<int> MigrateAsync(SqlSession session, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        if (dialect.MigrationLock is { } migrationLock)
        {
            await session.ExecuteAsync(migrationLock, cancellationToken).ConfigureAwait(false);
        }

        var version = await session.SingleAsync(dialect.SchemaVersionQuery, r => r.GetInt32(0), cancellationToken).ConfigureAwait(false);
        if (version > LatestVersion)
        {
            throw new InvalidOperationException($"The database has schema version {version}, newer than this build's {LatestVersion}. Upgrade Waharoa.");
        }

        for (var next = version; next < LatestVersion; next++)
        {
            await session.ExecuteAsync(Templates[next], cancellationToken).ConfigureAwait(false);
            await session.ExecuteAsync(dialect.SetSchemaVersion(next + 1), cancellationToken).ConfigureAwait(false);
        }

        return version;
    }
}
