using Waharoa.Testing;

namespace Waharoa.Tests.Hosting;

/// <summary>The data folder holds keys, the database and published-but-private demo credentials: its owner's only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFolderPermissionTests
{
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task FirstStart_FolderIs0700_DatabaseKeysAndDemoJsonAre0600()
    {
        await using var host = await WaharoaTestHost.StartAsync();

        AssertModes(host.Folder);
    }

    [Fact]
    public async Task AFolderLeftOpenByAnEarlierRelease_IsClosedAgainAtStart()
    {
        var data = Path.Combine(Path.GetTempPath(), "waharoa-modes-" + Guid.NewGuid().ToString("N"));
        try
        {
            await (await WaharoaTestHost.StartAsync(dataDirectory: data)).DisposeAsync();
            var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            File.SetUnixFileMode(data, open | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            foreach (var file in new[] { "waharoa.db", "demo.json", "certs/ca.key", "certs/server.key" })
            {
                File.SetUnixFileMode(Path.Combine(data, file), open);
            }

            await using var again = await WaharoaTestHost.StartAsync(dataDirectory: data);

            AssertModes(again.Folder);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static void AssertModes(Waharoa.Server.Data.DataFolder folder)
    {
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(folder.Root));
        var secrets = new[] { folder.Database, folder.DemoFile, folder.CaKey, folder.ServerKey, folder.ClientKey("xyzComp_FooBar"), folder.KeyEncryptionKey }
            .Concat(new[] { folder.Database + "-wal", folder.Database + "-shm" }.Where(File.Exists));
        foreach (var file in secrets)
        {
            Assert.True(OwnerFile == File.GetUnixFileMode(file), $"{file}: {File.GetUnixFileMode(file)}");
        }
    }
}
