using Waharoa.Clients;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    protected static DspClient NewClient(string clientId, string? thumbprint = null) =>
        new(clientId, $"{clientId} app", ClientKind.Cloud, "secret-hash", ["https://app.example/callback", "https://app.example/other"], thumbprint, Now)
        {
            Services = ["Intermediation", "Account"],
            CustomerIrd = "136410132",
            CertificateCommonName = "dsp.irdgws.example",
            SoftwarePlatforms = ["Payroll1", "payroll1"],
            SigningCertificates = ["-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n"],
        };

    [Fact]
    public async Task AddClient_NewId_StoresEveryField()
    {
        var client = NewClient("dsp-one", "AB12CD");

        Assert.True(await Store.AddClientAsync(client, default));

        Assert.Equivalent(client, await Store.FindClientAsync("dsp-one", default), strict: true);
    }

    [Fact]
    public async Task AddClient_NativeWithoutExtras_RoundTrips()
    {
        var client = new DspClient("native", "Native app", ClientKind.Native, "hash", [], null, Now);

        await Store.AddClientAsync(client, default);

        Assert.Equivalent(client, await Store.FindClientAsync("native", default), strict: true);
    }

    [Fact]
    public async Task AddClient_TakenId_ReturnsFalseAndKeepsFirst()
    {
        await Store.AddClientAsync(NewClient("dsp-one"), default);

        Assert.False(await Store.AddClientAsync(NewClient("dsp-one") with { Name = "Usurper" }, default));

        Assert.Equal("dsp-one app", (await Store.FindClientAsync("dsp-one", default))!.Name);
    }

    [Fact]
    public async Task AddClient_SameIdConcurrently_OneTrueOthersFalse()
    {
        var added = await ConcurrentlyAsync(6, (store, i) => store.AddClientAsync(NewClient("contested") with { Name = $"n{i}" }, default));

        Assert.Single(added, a => a);
        Assert.Single(await Store.ListClientsAsync(default));
    }

    [Fact]
    public async Task FindClient_Unknown_ReturnsNull()
    {
        Assert.Null(await Store.FindClientAsync("nobody", default));
    }

    [Fact]
    public async Task FindClientByCertificate_LowerCaseThumbprint_FindsClient()
    {
        await Store.AddClientAsync(NewClient("plain"), default);
        await Store.AddClientAsync(NewClient("with-cert", "ABCDEF0123"), default);

        Assert.Equal("with-cert", (await Store.FindClientByCertificateAsync("abcdef0123", null, default))?.ClientId);
        Assert.Null(await Store.FindClientByCertificateAsync("FFFF", null, default));
    }

    [Fact]
    public async Task FindClientByCertificate_ByCommonName_AnyThumbprint_ButAPinnedClientWinsAndIsNotFoundByCn()
    {
        await Store.AddClientAsync(NewClient("by-cn") with { CertificateCommonName = "a1.irdgws.dsp.example" }, default);
        await Store.AddClientAsync(NewClient("pinned", "ABCDEF0123") with { CertificateCommonName = "pinned.irdgws.dsp.example" }, default);

        Assert.Equal("by-cn", (await Store.FindClientByCertificateAsync("0001", "a1.irdgws.dsp.example", default))?.ClientId);
        Assert.Equal("by-cn", (await Store.FindClientByCertificateAsync("0002", "a1.irdgws.dsp.example", default))?.ClientId);
        Assert.Null(await Store.FindClientByCertificateAsync("0003", "A1.IRDGWS.DSP.EXAMPLE", default));
        Assert.Null(await Store.FindClientByCertificateAsync("0004", "pinned.irdgws.dsp.example", default));
        Assert.Equal("pinned", (await Store.FindClientByCertificateAsync("ABCDEF0123", "a1.irdgws.dsp.example", default))?.ClientId);
    }

    [Fact]
    public async Task ListClients_OrderedById()
    {
        foreach (var id in new[] { "b-client", "C-client", "a-client" })
        {
            await Store.AddClientAsync(NewClient(id), default);
        }

        var clients = await Store.ListClientsAsync(default);

        Assert.Equal(["C-client", "a-client", "b-client"], clients.Select(c => c.ClientId));
    }

    [Fact]
    public async Task RemoveClient_Known_RevokesItsGrantsAndConsents()
    {
        await Store.AddClientAsync(NewClient("client-a"), default);
        await Store.GrantConsentAsync("alice", "client-a", Now, default);
        var (grant, tokens) = await NewGrantAsync("alice", "client-a");

        Assert.True(await Store.RemoveClientAsync("client-a", Now.AddMinutes(1), default));

        Assert.Null(await Store.FindClientAsync("client-a", default));
        Assert.Null(await Store.FindConsentAsync("alice", "client-a", default));
        var status = await Store.FindTokenAsync(tokens[0].Jti, default);
        Assert.Equal(Now.AddMinutes(1), status!.Grant.RevokedAt);
        Assert.Equal(grant.GrantId, status.Grant.GrantId);
    }

    [Fact]
    public async Task RemoveClient_Unknown_ReturnsFalse()
    {
        Assert.False(await Store.RemoveClientAsync("nobody", Now, default));
    }

    [Fact]
    public async Task UpdateClient_Known_ReplacesEveryChangeableFieldAndKeepsIdAndCreation()
    {
        await Store.AddClientAsync(NewClient("dsp-one", "AB12CD"), default);
        var changed = new DspClient("dsp-one", "Renamed", ClientKind.Native, "new-hash", ["https://new.example/cb"], null, Now.AddDays(3))
        {
            Services = ["*"],
            CertificateCommonName = "new.irdgws.example",
            SoftwarePlatforms = ["Other"],
        };

        Assert.True(await Store.UpdateClientAsync(changed, default));

        Assert.Equivalent(changed with { CreatedAt = Now }, await Store.FindClientAsync("dsp-one", default), strict: true);
    }

    [Fact]
    public async Task UpdateClient_Unknown_ReturnsFalseAndAddsNothing()
    {
        Assert.False(await Store.UpdateClientAsync(NewClient("nobody"), default));

        Assert.Empty(await Store.ListClientsAsync(default));
    }

    [Fact]
    public async Task SetClientDisabled_Disabled_NotFoundForTheEndpointsButListedAndFoundForItsOperator()
    {
        await Store.AddClientAsync(NewClient("pinned", "ABCDEF0123"), default);
        await Store.AddClientAsync(NewClient("by-cn") with { CertificateCommonName = "cn.irdgws.example" }, default);

        Assert.True(await Store.SetClientDisabledAsync("pinned", disabled: true, default));
        Assert.True(await Store.SetClientDisabledAsync("by-cn", disabled: true, default));

        Assert.Null(await Store.FindClientAsync("pinned", default));
        Assert.Null(await Store.FindClientByCertificateAsync("ABCDEF0123", null, default));
        Assert.Null(await Store.FindClientByCertificateAsync("0001", "cn.irdgws.example", default));
        Assert.True((await Store.FindRegisteredClientAsync("pinned", default))!.Disabled);
        Assert.All(await Store.ListClientsAsync(default), c => Assert.True(c.Disabled));
        Assert.False(await Store.AddClientAsync(NewClient("pinned"), default));
    }

    [Fact]
    public async Task SetClientDisabled_EnabledAgain_FoundAgainAndUpdateKeepsTheFlag()
    {
        await Store.AddClientAsync(NewClient("dsp-one", "AB12CD"), default);
        await Store.SetClientDisabledAsync("dsp-one", disabled: true, default);
        await Store.UpdateClientAsync(NewClient("dsp-one", "AB12CD") with { Name = "Renamed" }, default);
        Assert.Null(await Store.FindClientAsync("dsp-one", default));

        Assert.True(await Store.SetClientDisabledAsync("dsp-one", disabled: false, default));

        Assert.Equal("Renamed", (await Store.FindClientAsync("dsp-one", default))?.Name);
        Assert.Equal("dsp-one", (await Store.FindClientByCertificateAsync("ab12cd", null, default))?.ClientId);
        Assert.False((await Store.FindRegisteredClientAsync("dsp-one", default))!.Disabled);
    }

    [Fact]
    public async Task SetClientDisabled_Unknown_ReturnsFalse()
    {
        Assert.False(await Store.SetClientDisabledAsync("nobody", disabled: true, default));
        Assert.Null(await Store.FindRegisteredClientAsync("nobody", default));
    }
}
