using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Waharoa.Security;
using Waharoa.Server.Data;
using Waharoa.Server.Hosting;
using Waharoa.Storage.Sqlite;
using Waharoa.Testing;
using Waharoa.Tokens;

namespace Waharoa.Tests.Security;

/// <summary>
/// Private keys at rest: encrypted in the database with a key the operator gives (or, for the embedded store, one its
/// data folder keeps), a shared database refused without one, the development CA's key in no instance's folder, and
/// PostgreSQL on another machine reached only over TLS.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeysAtRestTests
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task AnEmbeddedStore_SealsItsPrivateKeysWithTheFoldersOwnKey_SoACopyOfTheDatabaseAloneOpensNone()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        Assert.Equal(OwnerFile, File.GetUnixFileMode(host.Folder.KeyEncryptionKey));
        Assert.True(KeyEncryptionKey.IsProtected(await SqliteTextAsync(host.Folder.Database, "SELECT private_key_pem FROM signing_keys")));

        var elsewhere = Directory.CreateTempSubdirectory("waharoa-copied-db-").FullName;
        try
        {
            await using (var backup = new SqliteConnection($"Data Source={host.Folder.Database};Pooling=False"))
            await using (var copy = new SqliteConnection($"Data Source={Path.Combine(elsewhere, "waharoa.db")};Pooling=False"))
            {
                await backup.OpenAsync();
                await copy.OpenAsync();
                backup.BackupDatabase(copy);
            }

            var refused = await Assert.ThrowsAsync<StoreOpenException>(() => WaharoaStores.OpenAsync(elsewhere, null, null, CancellationToken.None));
            Assert.Contains("another key-encryption key", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public async Task ASigningKeyStoredInPlainTextByAnEarlierRelease_IsSealedAtStart_AndStillSigns()
    {
        var data = Directory.CreateTempSubdirectory("waharoa-plain-keys-").FullName;
        try
        {
            var plain = SigningKey.Generate(TimeProvider.System);
            await using (var earlier = SqliteStore.Open(new DataFolder(data).Database))
            {
                await earlier.AddFirstSigningKeyAsync(plain, CancellationToken.None);
            }

            await using var host = await WaharoaTestHost.StartAsync(dataDirectory: data);

            Assert.Equal(plain.KeyId, host.Server.Services.GetRequiredService<SigningKeyRing>().Current.KeyId);
            var stored = await SqliteTextAsync(host.Folder.Database, "SELECT private_key_pem FROM signing_keys");
            Assert.True(KeyEncryptionKey.IsProtected(stored));
            Assert.DoesNotContain("PRIVATE KEY", stored, StringComparison.Ordinal);
            using var cloud = host.CreateCloudClient();
            var (token, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);
            Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ValidateAsync(cloud, host.CloudClient, token)).Status);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task ASharedDatabase_WithoutAKeyEncryptionKey_IsRefusedAtStart_SayingWhatToSet_BeforeAnythingIsWritten()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var data = Directory.CreateTempSubdirectory("waharoa-no-kek-").FullName;
        try
        {
            var (exit, output) = await WaharoaProcess.RunAsync("serve", "--data", data, "--postgres", database.ConnectionString, "--desktop-port", "0", "--cloud-port", "0", "--control-port", "0");

            Assert.Equal(2, exit);
            Assert.Contains("WAHAROA_KEY_ENCRYPTION_KEY", output, StringComparison.Ordinal);
            Assert.Contains("--key-encryption-key-file", output, StringComparison.Ordinal);
            Assert.Null(await PostgresScalarAsync(database.ConnectionString, "SELECT to_regclass('signing_keys')::text"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task ASharedDatabase_KeepsEveryPrivateKeySealed_AndNoInstanceFolderHoldsTheCaKey_AnotherKeyIsRefused()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var a = await WaharoaTestHost.StartAsync(configure: o => OnPostgres(o, database.ConnectionString, PostgresDatabase.KeyEncryptionKey));
        await using var b = await WaharoaTestHost.StartAsync(configure: o => OnPostgres(o, database.ConnectionString, PostgresDatabase.KeyEncryptionKey));

        var fingerprint = KeyEncryptionKey.FromSecret(PostgresDatabase.KeyEncryptionKey).Fingerprint;
        Assert.StartsWith($"waharoa-aes256gcm:v1:{fingerprint}:", await PostgresScalarAsync(database.ConnectionString, "SELECT private_key_pem FROM signing_keys LIMIT 1"), StringComparison.Ordinal);
        var secretFiles = await PostgresListAsync(database.ConnectionString, "SELECT name, convert_from(content, 'UTF8') FROM shared_files WHERE name LIKE '%.key' OR name LIKE 'data-protection/%'");
        Assert.Contains(secretFiles, f => f.Name == "certs/ca.key");
        Assert.Contains(secretFiles, f => f.Name == "certs/server.key");
        Assert.All(secretFiles, f => Assert.True(KeyEncryptionKey.IsProtected(f.Content), f.Name));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", await PostgresScalarAsync(database.ConnectionString, "SELECT convert_from(content, 'UTF8') FROM shared_files WHERE name = 'certs/ca.crt'"), StringComparison.Ordinal);

        // Each instance keeps what it serves with (the server key), not what only issues certificates (the CA's key).
        foreach (var instance in new[] { a, b })
        {
            Assert.False(File.Exists(instance.Folder.CaKey), instance.Folder.CaKey);
            Assert.True(File.Exists(instance.Folder.ServerKey));
            using var cloud = instance.CreateCloudClient();
            var (token, _) = await TokenCalls.NewCloudTokensAsync(instance, cloud);
            Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ValidateAsync(cloud, instance.CloudClient, token)).Status);
        }

        var refused = await Assert.ThrowsAsync<StoreOpenException>(() =>
            WaharoaTestHost.StartAsync(configure: o => OnPostgres(o, database.ConnectionString, "a-different-key-encryption-key-entirely-0123")));
        Assert.Contains(fingerprint, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db.example.internal;Database=waharoa", false)]
    [InlineData("Host=10.1.2.3;Database=waharoa;SSL Mode=Prefer", false)]
    [InlineData("Host=localhost,db.example.internal:5433;Database=waharoa", false)]
    [InlineData("Host=db.example.internal;Database=waharoa;SSL Mode=Require", true)]
    [InlineData("Host=db.example.internal;Database=waharoa;SSL Mode=VerifyFull", true)]
    [InlineData("Host=127.0.0.1;Database=waharoa", true)]
    [InlineData("Host=localhost:5433;Database=waharoa", true)]
    [InlineData("Host=[::1];Database=waharoa", true)]
    [InlineData("Host=/var/run/postgresql;Database=waharoa", true)]
    public void PostgresOnAnotherMachine_IsReachedOnlyOverTls(string connectionString, bool allowed)
    {
        var check = Record.Exception(() => Waharoa.Storage.Postgres.PostgresTransport.Check(connectionString, allowPlaintext: false));

        Assert.Equal(allowed, check is null);
        Assert.Null(Record.Exception(() => Waharoa.Storage.Postgres.PostgresTransport.Check(connectionString, allowPlaintext: true)));
    }

    [Fact]
    public async Task ServeOnAPostgresElsewhereWithoutTls_IsRefusedAtOnce_NamingTheRelaxation()
    {
        var data = Directory.CreateTempSubdirectory("waharoa-plaintext-pg-").FullName;
        try
        {
            var (exit, output) = await WaharoaProcess.RunAsync(
                "serve", "--data", data, "--postgres", "Host=db.example.invalid;Database=waharoa;Username=w;Password=hunter2", "--key-encryption-key-file", PostgresDatabase.KeyFile);

            Assert.Equal(2, exit);
            Assert.Contains("db.example.invalid is not on this machine", output, StringComparison.Ordinal);
            Assert.Contains("--postgres-allow-plaintext", output, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task AnInstance_ReachesPostgresOverTls_VerifyingItsCertificate()
    {
        var ca = Environment.GetEnvironmentVariable("WAHAROA_TEST_POSTGRES_CA")
            ?? throw new InvalidOperationException("WAHAROA_TEST_POSTGRES_CA is not set: run ./test.sh, which starts PostgreSQL with TLS and sets it.");
        await using var database = await PostgresDatabase.CreateAsync();
        var tls = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Host = "localhost",
            SslMode = SslMode.VerifyFull,
            RootCertificate = ca,
            ApplicationName = "waharoa-tls-test",
        }.ConnectionString;

        await using var host = await WaharoaTestHost.StartAsync(configure: o => OnPostgres(o, tls, PostgresDatabase.KeyEncryptionKey));
        using var cloud = host.CreateCloudClient();
        Assert.False(string.IsNullOrEmpty((await TokenCalls.NewCloudTokensAsync(host, cloud)).AccessToken));

        var sessions = await PostgresListAsync(
            database.ConnectionString,
            "SELECT a.pid::text, s.ssl::text FROM pg_stat_activity a JOIN pg_stat_ssl s ON s.pid = a.pid WHERE a.application_name = 'waharoa-tls-test'");
        Assert.NotEmpty(sessions);
        Assert.All(sessions, s => Assert.Equal("true", s.Content));

        // Verified, not merely encrypted: a CA that did not issue the server's certificate is refused.
        var wrongCa = new NpgsqlConnectionStringBuilder(tls) { RootCertificate = host.Folder.CaCertificate }.ConnectionString;
        await Assert.ThrowsAnyAsync<Exception>(() => WaharoaTestHost.StartAsync(configure: o => OnPostgres(o, wrongCa, PostgresDatabase.KeyEncryptionKey)));
    }

    private static void OnPostgres(WaharoaOptions options, string connectionString, string keyEncryptionKey)
    {
        options.Postgres = connectionString;
        options.Store.KeyEncryptionKey = keyEncryptionKey;
    }

    private static async Task<string> SqliteTextAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string?> PostgresScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() is string text ? text : null;
    }

    private static async Task<List<(string Name, string Content)>> PostgresListAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }
}
