using Waharoa.Testing;

namespace Waharoa.Tests.Cli;

/// <summary><c>waharoa seed FILE</c> and <c>serve --seed FILE</c> from the command line.</summary>
public sealed class SeedVerbTests
{
    [Fact]
    public async Task Seed_LoadsAUserWhoCanLogOn_OnceOnly()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        var file = Path.Combine(host.DataDirectory, "people.yaml");
        await File.WriteAllTextAsync(file, "users:\n  - logon: SeededAgent\n    password: Seeded-Pass-1\n    owns: [\"136410132\"]\n");

        var (exit, output) = await WaharoaProcess.RunAsync("seed", "--data", host.DataDirectory, file);
        var (again, second) = await WaharoaProcess.RunAsync("seed", "--data", host.DataDirectory, file);

        Assert.Equal(0, exit);
        Assert.Contains("applied", output, StringComparison.Ordinal);
        Assert.Equal(0, again);
        Assert.Contains("unchanged", second, StringComparison.Ordinal);
        using var session = new MyIrSession(host);
        var query = await session.AuthorizeAsync(XiamsUrls.AuthorizeUrl(host.NativeClient.ClientId, host.NativeClient.RedirectUri), "SeededAgent", "Seeded-Pass-1");
        Assert.True(query.ContainsKey("code"));
    }

    [Fact]
    public async Task ServeWithABadSeed_ExitsWithOneLineNamingThePlace()
    {
        var folder = Directory.CreateTempSubdirectory("waharoa-badseed-").FullName;
        try
        {
            var file = Path.Combine(folder, "bad.yaml");
            await File.WriteAllTextAsync(file, "customers:\n  - ird: \"123456789\"\n    name: Nobody\n");

            var (exit, output) = await WaharoaProcess.RunAsync("serve", "--data", Path.Combine(folder, "data"), "--desktop-port", "0", "--cloud-port", "0", "--control-port", "0", "--seed", file);

            Assert.Equal(2, exit);
            Assert.Contains($"error: seed: {file}: customers[0].ird: '123456789' is not a valid IRD number (modulus-11 check)", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
