using Waharoa.Testing;

namespace Waharoa.Tests.Cli;

/// <summary><c>waharoa seed export</c>: the test data written as a seed file, with no server running.</summary>
public sealed class SeedExportVerbTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("waharoa-seed-export-").FullName;

    [Fact]
    public async Task SeedThenExport_NoServer_WritesTheSeedBack()
    {
        var data = Path.Combine(_folder, "data");
        var seed = Path.Combine(_folder, "people.yaml");
        var output = Path.Combine(_folder, "export.yaml");
        await File.WriteAllTextAsync(seed, "customers:\n  - ird: \"136410132\"\n    name: Aroha Client\nusers:\n  - logon: ExportedAgent\n    password: Exported-Pass-1\n    owns: [\"136410132\"]\n");

        var (loaded, _) = await WaharoaProcess.RunAsync("seed", "--data", data, seed);
        var (exported, _) = await WaharoaProcess.RunAsync("seed", "export", "--data", data, "--output", output);
        var (bad, error) = await WaharoaProcess.RunAsync("seed", "--data", data, output + ".missing");

        Assert.Equal(0, loaded);
        Assert.Equal(0, exported);
        var text = await File.ReadAllTextAsync(output);
        Assert.Contains("  - ird: \"136410132\"\n    name: Aroha Client\n", text, StringComparison.Ordinal);
        Assert.Contains("  - logon: ExportedAgent\n    password_hash: \"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exported-Pass-1", text, StringComparison.Ordinal);
        Assert.Equal(2, bad);
        Assert.Contains("cannot be read", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
