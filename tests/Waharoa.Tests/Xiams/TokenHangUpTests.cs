using Waharoa.Testing;

namespace Waharoa.Tests.Xiams;

/// <summary>A client that hangs up in the middle of a token request's body is nothing worth a warning or an error.</summary>
public sealed class TokenHangUpTests
{
    [Fact]
    public async Task Token_ClientResetsMidBody_LeavesNoBodyReadPending_AndNothingIsLoggedAboveDebug()
    {
        var logs = new LogRecorder();
        await using var host = await WaharoaTestHost.StartAsync(logs: logs);

        // The reset races the form reader; a few of them meet it mid-read.
        for (var i = 0; i < 5; i++)
        {
            await using var connection = await RawHttpsConnection.OpenAsync(host, host.DesktopUrl);
            await connection.WriteAsync(
                $"POST {XiamsUrls.Tokens} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ngrant_type=auth");
            await Task.Delay(150);
            connection.Abort();
        }

        // Kestrel's "automatic draining of the request body failed" is an error, which the recorder keeps.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(logs.AboveDebug());
    }
}
