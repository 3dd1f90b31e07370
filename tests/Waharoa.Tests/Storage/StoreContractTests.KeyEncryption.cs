using System.Text;
using Waharoa.Security;
using Waharoa.Storage;
using Waharoa.Storage.Sql;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    private static readonly KeyEncryptionKey OperatorKey = KeyEncryptionKey.FromSecret("contract-test-key-encryption-key-0123456789");
    private static readonly KeyEncryptionKey OtherKey = KeyEncryptionKey.FromSecret("another-key-encryption-key-for-the-contract-tests");

    private static SharedFile Shared(string name, string content) => new(name, Encoding.ASCII.GetBytes(content), Now);

    private static IReadOnlyList<SharedFile> SecretAndPublicFiles() =>
    [
        Shared("certs/ca.crt", "-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----"),
        Shared("certs/ca.key", "-----BEGIN PRIVATE KEY-----\nca\n-----END PRIVATE KEY-----"),
        Shared("data-protection/key-1.xml", "<key id=\"1\"><masterKey>secret</masterKey></key>"),
    ];

    private async Task<string> RawTextAsync(string sql) => await RawScalarAsync(sql) switch
    {
        string text => text,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        var other => throw new InvalidOperationException($"{sql}: {other}"),
    };

    [Fact]
    public async Task KeyEncryption_PrivateKeysAreStoredSealed_CertificatesAsTheyAre_AndBothReadBackAsGiven()
    {
        await ((SqlStore)Store).UseKeyEncryptionAsync(OperatorKey, default);

        await Store.AddFirstSigningKeyAsync(Key("K1", Now), default);
        await Store.AddSharedFilesAsync(SecretAndPublicFiles(), default);

        Assert.Equal([Key("K1", Now)], await Store.ListSigningKeysAsync(default));
        Assert.Equal(SecretAndPublicFiles().Select(f => Encoding.ASCII.GetString(f.Content)), (await Store.ListSharedFilesAsync("", default)).Select(f => Encoding.ASCII.GetString(f.Content)));
        foreach (var raw in new[]
        {
            await RawTextAsync("SELECT private_key_pem FROM signing_keys WHERE key_id = 'K1'"),
            await RawTextAsync("SELECT content FROM shared_files WHERE name = 'certs/ca.key'"),
            await RawTextAsync("SELECT content FROM shared_files WHERE name = 'data-protection/key-1.xml'"),
        })
        {
            Assert.StartsWith($"waharoa-aes256gcm:v1:{OperatorKey.Fingerprint}:", raw, StringComparison.Ordinal);
            Assert.DoesNotContain("PRIVATE KEY", raw, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", raw, StringComparison.Ordinal);
        }

        Assert.StartsWith("-----BEGIN CERTIFICATE-----", await RawTextAsync("SELECT content FROM shared_files WHERE name = 'certs/ca.crt'"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyEncryption_KeysStoredInPlainTextBefore_AreSealedOnceTheKeyIsGiven()
    {
        await Store.AddFirstSigningKeyAsync(Key("K1", Now), default);
        await Store.AddSharedFilesAsync(SecretAndPublicFiles(), default);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", await RawTextAsync("SELECT private_key_pem FROM signing_keys"), StringComparison.Ordinal);

        var later = (SqlStore)await OpenStoreAsync();
        Assert.Equal(3, await later.UseKeyEncryptionAsync(OperatorKey, default));
        Assert.Equal(0, await ((SqlStore)await OpenStoreAsync()).UseKeyEncryptionAsync(OperatorKey, default));

        Assert.True(KeyEncryptionKey.IsProtected(await RawTextAsync("SELECT private_key_pem FROM signing_keys")));
        Assert.True(KeyEncryptionKey.IsProtected(await RawTextAsync("SELECT content FROM shared_files WHERE name = 'certs/ca.key'")));
        Assert.Equal([Key("K1", Now)], await later.ListSigningKeysAsync(default));
    }

    [Fact]
    public async Task KeyEncryption_AnotherKey_IsRefusedNamingBothFingerprints_AndChangesNothing()
    {
        await ((SqlStore)Store).UseKeyEncryptionAsync(OperatorKey, default);
        await Store.AddFirstSigningKeyAsync(Key("K1", Now), default);
        var sealedBefore = await RawTextAsync("SELECT private_key_pem FROM signing_keys");

        var other = (SqlStore)await OpenStoreAsync();
        var refused = await Assert.ThrowsAsync<KeyEncryptionException>(() => other.UseKeyEncryptionAsync(OtherKey, default));

        Assert.Contains(OperatorKey.Fingerprint, refused.Message, StringComparison.Ordinal);
        Assert.Contains(OtherKey.Fingerprint, refused.Message, StringComparison.Ordinal);
        Assert.Equal(sealedBefore, await RawTextAsync("SELECT private_key_pem FROM signing_keys"));
    }

    [Fact]
    public async Task KeyEncryption_ASealedKeyCopiedIntoAnotherRow_DoesNotOpen()
    {
        await ((SqlStore)Store).UseKeyEncryptionAsync(OperatorKey, default);
        await Store.AddFirstSigningKeyAsync(Key("K1", Now), default);
        await Store.RotateSigningKeyAsync(Key("K2", Now.AddDays(1)), Now.AddDays(2), default);

        await RawScalarAsync("UPDATE signing_keys SET private_key_pem = (SELECT private_key_pem FROM signing_keys WHERE key_id = 'K1') WHERE key_id = 'K2'");

        var refused = await Assert.ThrowsAsync<KeyEncryptionException>(() => Store.ListSigningKeysAsync(default));
        Assert.Contains("signing_keys/K2", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyEncryption_SealedKeysReadWithoutTheKey_AreRefusedSayingWhatToGive()
    {
        await ((SqlStore)Store).UseKeyEncryptionAsync(OperatorKey, default);
        await Store.AddSharedFilesAsync(SecretAndPublicFiles(), default);

        var without = await OpenStoreAsync();

        var refused = await Assert.ThrowsAsync<KeyEncryptionException>(() => without.ListSharedFilesAsync("certs/", default));
        Assert.Contains("WAHAROA_KEY_ENCRYPTION_KEY", refused.Message, StringComparison.Ordinal);
        Assert.Single(await without.ListSharedFilesAsync("certs/ca.crt", default));
    }
}
