using Waharoa.Testing;

namespace Waharoa.Tests.Control.Tokens;

/// <summary><c>waharoa keys</c> and <c>consents</c> through a running server's control API, and on the store once it stopped.</summary>
public sealed class TokenCliTests
{
    [Fact]
    public async Task Keys_retire_goes_through_the_running_server_and_consents_list_reads_the_store_once_it_stopped()
    {
        var data = Path.Combine(Path.GetTempPath(), "waharoa-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            string user, client;
            await using (var host = await WaharoaTestHost.StartAsync(dataDirectory: data))
            {
                using var cloud = host.CreateCloudClient();
                await TokenCalls.NewCloudTokensAsync(host, cloud);
                (user, client) = (host.User.Logon, host.CloudClient.ClientId);
                var (_, list) = await WaharoaProcess.RunAsync("keys", "list", "--data", data);
                var oldKid = list.Split('\t')[0].Trim();
                var (exit, output) = await WaharoaProcess.RunAsync("keys", "rotate", "--data", data, "--retire-after", "8h");
                Assert.True(exit == 0, output);
                var newKid = output.Split(' ')[2];

                (exit, output) = await WaharoaProcess.RunAsync("keys", "retire", newKid, "--data", data);
                Assert.Equal(1, exit);
                Assert.Contains("rotate first", output, StringComparison.Ordinal);
                (exit, output) = await WaharoaProcess.RunAsync("keys", "retire", oldKid, "--data", data);
                Assert.True(exit == 0, output);
                Assert.Contains($"retired {oldKid}", output, StringComparison.Ordinal);

                // The server took it up at once: its JWKS no longer lists the retired key.
                using var desktop = host.CreateDesktopClient();
                var jwks = await desktop.GetStringAsync("/.well-known/jwks.json");
                Assert.DoesNotContain(oldKid, jwks, StringComparison.Ordinal);
                Assert.Contains(newKid, jwks, StringComparison.Ordinal);
            }

            var (listed, consents) = await WaharoaProcess.RunAsync("consents", "list", "--data", data);
            Assert.True(listed == 0, consents);
            Assert.Contains($"{user}\t{client}\t", consents, StringComparison.Ordinal);
            var (revoked, said) = await WaharoaProcess.RunAsync("consents", "revoke", "--data", data, "--logon", user, "--client-id", client);
            Assert.True(revoked == 0, said);
            (revoked, said) = await WaharoaProcess.RunAsync("consents", "revoke", "--data", data, "--logon", user, "--client-id", client);
            Assert.Equal(1, revoked);
            Assert.Contains($"error: {user} has no consent for {client}.", said, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
