using Waharoa.Clients;
using Waharoa.Server.Data;
using Waharoa.Security;
using Waharoa.Storage;
using Waharoa.Testing;

namespace Waharoa.Tests.Cli;

/// <summary><c>waharoa clients</c> with no server running on the data folder: the verbs change the store directly, with the same checks.</summary>
public sealed class ClientsWithoutServerTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "waharoa-clients-offline-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Clients_are_added_edited_rotated_disabled_enabled_and_removed_in_the_store()
    {
        var (exit, output) = await WaharoaProcess.RunAsync("clients", "add", "--data", _data, "--client-id", "Quiet_Desk", "--kind", "native", "--redirect-uri", "https://quiet.example/cb");
        Assert.True(exit == 0, output);
        var (editExit, edited) = await WaharoaProcess.RunAsync("clients", "edit", "--data", _data, "Quiet_Desk", "--name", "Quiet desk", "--redirect-uri", "https://quiet.example/other");
        Assert.True(editExit == 0, edited);
        Assert.Contains("changed Quiet_Desk", edited, StringComparison.Ordinal);
        var (rotateExit, rotated) = await WaharoaProcess.RunAsync("clients", "rotate-secret", "--data", _data, "Quiet_Desk");
        Assert.Equal(0, rotateExit);
        Assert.Equal(0, (await WaharoaProcess.RunAsync("clients", "disable", "--data", _data, "Quiet_Desk")).ExitCode);

        var client = await FindAsync("Quiet_Desk");
        Assert.Equal("Quiet desk", client!.Name);
        Assert.Equal(["https://quiet.example/other"], client.RedirectUris);
        Assert.True(client.Disabled);
        Assert.True(SecretHasher.Verify(client.SecretHash, rotated.Split('\n').Single(l => l.StartsWith("client_secret:", StringComparison.Ordinal))["client_secret:".Length..].Trim()));
        var (_, list) = await WaharoaProcess.RunAsync("clients", "list", "--data", _data);
        Assert.Contains("Quiet_Desk\tnative\thttps://quiet.example/other\t-\t*\tQuiet desk\tdisabled", list, StringComparison.Ordinal);

        Assert.Equal(0, (await WaharoaProcess.RunAsync("clients", "enable", "--data", _data, "Quiet_Desk")).ExitCode);
        Assert.False((await FindAsync("Quiet_Desk"))!.Disabled);

        var (badExit, bad) = await WaharoaProcess.RunAsync("clients", "edit", "--data", _data, "Quiet_Desk", "--redirect-uri", "/relative");
        Assert.Equal(2, badExit);
        Assert.Contains("error: '/relative' is not an absolute URI without a fragment.", bad, StringComparison.Ordinal);
        Assert.Equal(1, (await WaharoaProcess.RunAsync("clients", "disable", "--data", _data, "Nobody")).ExitCode);
        Assert.Equal(0, (await WaharoaProcess.RunAsync("clients", "remove", "--data", _data, "Quiet_Desk")).ExitCode);
        Assert.Null(await FindAsync("Quiet_Desk"));
    }

    [Fact]
    public async Task Clients_add_with_an_issued_certificate_and_a_taken_id_is_refused_and_leaves_the_first_clients_key_alone()
    {
        string[] add = ["clients", "add", "--data", _data, "--client-id", "Quiet_Cloud", "--kind", "cloud", "--redirect-uri", "https://quiet.example/cb", "--issue-certificate"];
        var (exit, output) = await WaharoaProcess.RunAsync(add);
        Assert.True(exit == 0, output);
        var folder = new DataFolder(_data);
        var key = await File.ReadAllBytesAsync(folder.ClientKey("Quiet_Cloud"));
        var certificate = await File.ReadAllBytesAsync(folder.ClientCertificate("Quiet_Cloud"));

        var (again, refused) = await WaharoaProcess.RunAsync(add);

        Assert.Equal(1, again);
        Assert.Contains("error: A client with id 'Quiet_Cloud' already exists.", refused, StringComparison.Ordinal);
        Assert.Equal(key, await File.ReadAllBytesAsync(folder.ClientKey("Quiet_Cloud")));
        Assert.Equal(certificate, await File.ReadAllBytesAsync(folder.ClientCertificate("Quiet_Cloud")));
    }

    [Fact]
    public async Task Clients_add_with_an_issued_certificate_that_is_refused_keeps_no_certificate_or_key_file()
    {
        var (exit, output) = await WaharoaProcess.RunAsync(
            "clients", "add", "--data", _data, "--client-id", "Quiet_Bad", "--kind", "cloud", "--redirect-uri", "/relative", "--issue-certificate");

        Assert.Equal(2, exit);
        Assert.Contains("error: '/relative' is not an absolute URI without a fragment.", output, StringComparison.Ordinal);
        var folder = new DataFolder(_data);
        Assert.False(File.Exists(folder.ClientCertificate("Quiet_Bad")), "a certificate was written for a client that was refused");
        Assert.False(File.Exists(folder.ClientKey("Quiet_Bad")), "a key was written for a client that was refused");
        Assert.Null(await FindAsync("Quiet_Bad"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private async Task<DspClient?> FindAsync(string clientId)
    {
        await using var store = await WaharoaStores.OpenAsync(new DataFolder(_data).Root, null, null, default);
        return await store.FindRegisteredClientAsync(clientId, default);
    }
}
