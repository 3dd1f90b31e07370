using System.Globalization;
using System.Text.Json;
using Waharoa.Testing;
using Waharoa.Tests.Coordination;

namespace Waharoa.Tests.Control.Clock;

/// <summary><c>waharoa clock</c> against a running <c>waharoa serve</c>: its verbs, its console, and a restart.</summary>
public sealed class ClockCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "waharoa-clock-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_clock_verbs_move_the_served_clock_serve_says_so_and_the_move_outlives_a_restart()
    {
        await using (var server = await WaharoaProcess.StartAsync(_data))
        {
            Assert.Contains("Clock:                           real", server.Output, StringComparison.Ordinal);

            var (exit, output) = await WaharoaProcess.RunAsync("clock", "--data", _data);
            Assert.True(exit == 0, output);
            Assert.False(Json(output).GetProperty("virtual").GetBoolean());

            (exit, output) = await WaharoaProcess.RunAsync("clock", "advance", "8h", "--data", _data);
            Assert.True(exit == 0, output);
            Assert.Equal("+8h", Json(output).GetProperty("offset").GetString());
            await Eventually.TrueAsync(() => server.Output.Contains("clock: moved to ", StringComparison.Ordinal), "serve did not log the move");
            Assert.Contains("(virtual, +8h)", server.Output, StringComparison.Ordinal);

            (exit, output) = await WaharoaProcess.RunAsync("clock", "advance", "soon", "--data", _data);
            Assert.Equal(1, exit);
            Assert.Contains("error: 400: 'by' must be a duration such as 8h", output, StringComparison.Ordinal);

            var target = DateTimeOffset.UtcNow.AddDays(117).ToOffset(TimeSpan.FromHours(12));
            (exit, output) = await WaharoaProcess.RunAsync("clock", "set", target.ToString("yyyy-MM-ddTHH:mmzzz", CultureInfo.InvariantCulture), "--data", _data);
            Assert.True(exit == 0, output);
            Assert.StartsWith("+116d23h", Json(output).GetProperty("offset").GetString(), StringComparison.Ordinal);
        }

        // The store keeps the clock: the next start is on it, and says so.
        await using (var again = await WaharoaProcess.StartAsync(_data))
        {
            Assert.Contains("Clock:                           virtual, ", again.Output, StringComparison.Ordinal);
            var (exit, output) = await WaharoaProcess.RunAsync("clock", "--data", _data);
            Assert.True(exit == 0, output);
            Assert.True(Json(output).GetProperty("virtual").GetBoolean());

            (exit, output) = await WaharoaProcess.RunAsync("clock", "reset", "--data", _data);
            Assert.True(exit == 0, output);
            Assert.Equal("0", Json(output).GetProperty("offset").GetString());
            await Eventually.TrueAsync(() => again.Output.Contains("clock: back to the real clock", StringComparison.Ordinal), "serve did not log the reset");
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown; the temp folder is cleaned by the OS.
        }
    }

    private static JsonElement Json(string output)
    {
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }
}
