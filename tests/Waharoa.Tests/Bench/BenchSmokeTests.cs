using System.Diagnostics;
using System.Globalization;

namespace Waharoa.Tests.Bench;

/// <summary>
/// <c>bench/run --smoke</c> end to end: the Release build, Waharoa, the upstream, nginx (installed by the run when
/// missing), oidc-provider and every measurement, for a second each. Alone in its collection: it loads both cores and
/// would slow the timing-sensitive tests beside it.
/// </summary>
[Collection(nameof(BenchSmokeTests))]
[CollectionDefinition(nameof(BenchSmokeTests), DisableParallelization = true)]
public sealed class BenchSmokeTests : IDisposable
{
    private static readonly string[] Measurements =
    [
        "xIAMS refresh_token grant", "START refresh_token grant", "xIAMS validate (access token)", "START introspect (access token)",
        "gateway, bearer token, to the upstream", "the same upstream called directly", "gateway, over 1 connection",
        "upstream directly, over 1 connection", "oidc-provider refresh_token grant",
        "RSA-2048 private-key operations",
    ];

    /// <summary>The rows of the gateway against nginx, its peer (the pinned ones need two cores): each must serve without an error.</summary>
    private static readonly string[] ErrorFree =
    [
        "gateway, M2M JWT, to the upstream", "nginx, mutual-TLS proxy to the upstream",
        "framework floor: Waharoa's listener, bare YARP forwarder", "framework floor, over 1 connection",
        "gateway, bearer token, calls not recorded",
        "nginx, server on 1 core, load generator on the other", "gateway, bearer token, server on 1 core, load generator on the other",
        "gateway, M2M JWT, server on 1 core, load generator on the other",
        "framework floor, server on 1 core, load generator on the other",
    ];

    /// <summary>How many of <see cref="ErrorFree"/>'s rows run on one core too (the rest are pinned).</summary>
    private const int UnpinnedErrorFree = 5;

    private readonly string _output = Path.Combine(Path.GetTempPath(), "waharoa-bench-smoke-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Run_Smoke_WritesAResultsFileWithEveryMeasurement()
    {
        // Arrange: output to a file, not a pipe, so build servers the run leaves behind cannot hold the test up.
        Directory.CreateDirectory(_output);
        var log = Path.Combine(_output, "run.log");
        var info = new ProcessStartInfo("bash") { WorkingDirectory = SpecFiles.RepositoryRoot, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "exec bash bench/run --smoke --output \"$1\" >\"$2\" 2>&1 </dev/null", "bash", _output, log })
        {
            info.ArgumentList.Add(argument);
        }

        // Act
        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("bench/run --smoke did not finish in 5 minutes:\n" + await File.ReadAllTextAsync(log));
        }

        // Assert
        var output = await File.ReadAllTextAsync(log);
        Assert.True(process.ExitCode == 0, $"bench/run --smoke exited {process.ExitCode}:\n{output}");
        var results = Assert.Single(Directory.GetFiles(_output, "*.md"));
        var rows = (await File.ReadAllLinesAsync(results)).Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        foreach (var measurement in Measurements.Concat(Environment.ProcessorCount >= 2 ? ErrorFree : ErrorFree[..UnpinnedErrorFree]))
        {
            var row = rows.FirstOrDefault(r => r.Split('|').Select(c => c.Trim()).Contains(measurement));
            Assert.True(row is not null, $"no row for '{measurement}' in {results}:\n{string.Join('\n', rows)}");
            var requestsPerSecond = row.Split('|')[4].Trim().Split(' ')[0];
            Assert.True(
                double.TryParse(requestsPerSecond, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value > 0,
                $"'{measurement}': requests/s '{requestsPerSecond}' is not positive:\n{row}");
            Assert.True(!ErrorFree.Contains(measurement) || row.Split('|')[7].Trim() == "0", $"'{measurement}' had errors:\n{row}");
        }

        // Both restarts (the published build and the plain one) served their first request, three times each: the median in
        // seconds and the three times, not "failed".
        foreach (var restart in new[] { "Restart on an existing data folder", "the same restart from `dotnet build -c Release` output" })
        {
            var row = rows.FirstOrDefault(r => r.Contains(restart, StringComparison.Ordinal));
            Assert.True(row is not null, $"no row for '{restart}' in {results}:\n{string.Join('\n', rows)}");
            Assert.Matches(@"^\d+\.\d\d s \(\d+ \d+ \d+ ms\)$", row.Split('|')[2].Trim());
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }
}
