using System.Net;
using Waharoa.Server.Data;
using Waharoa.Testing;

namespace Waharoa.Bench.Tokens;

/// <summary>
/// A Waharoa started by <c>bench/run</c>, seen from outside, and the tokens of its demo cloud client, got as a DSP gets
/// them: the demo user logs on once through the myIR pages and consents, then each authorize gives a code (the logon
/// and the consent stand) that is exchanged on the cloud endpoint with the client's certificate.
/// </summary>
internal sealed class WaharoaTarget(string dataDirectory, int desktopPort, int cloudPort)
    : WaharoaEndpoints(new DataFolder(Path.GetFullPath(dataDirectory)))
{
    public override Uri DesktopUrl { get; } = new($"https://localhost:{desktopPort}");

    public override Uri CloudUrl { get; } = new($"https://localhost:{cloudPort}");

    /// <summary><paramref name="count"/> xIAMS token sets, each of its own grant.</summary>
    public async Task<IReadOnlyList<(string Access, string Refresh)>> XiamsTokensAsync(int count)
    {
        using var session = new MyIrSession(this);
        using var cloud = CreateCloudClient();
        var tokens = new List<(string, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var query = await session.AuthorizeAsync(XiamsUrls.AuthorizeUrl(CloudClient.ClientId, CloudClient.RedirectUri), User.Logon, User.Password);
            var (status, body, _) = await TokenCalls.ExchangeCodeAsync(cloud, CloudClient, query["code"], CloudClient.RedirectUri);
            if (status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"xIAMS code exchange failed: {(int)status} {body}");
            }

            tokens.Add((body.GetProperty("access_token").GetString()!, body.GetProperty("refresh_token").GetString()!));
        }

        return tokens;
    }

    /// <summary><paramref name="count"/> START token sets, each of its own grant.</summary>
    public async Task<IReadOnlyList<(string Access, string Refresh)>> StartTokensAsync(int count)
    {
        using var session = new MyIrSession(this);
        using var cloud = CreateCloudClient();
        var tokens = new List<(string, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var query = await session.AuthorizeAsync(StartUrls.AuthorizeUrl(CloudClient.ClientId, CloudClient.RedirectUri), User.Logon, User.Password);
            var reply = await StartCalls.ExchangeCodeAsync(cloud, CloudClient, query["code"], CloudClient.RedirectUri);
            if (reply.Status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"START code exchange failed: {reply}");
            }

            tokens.Add((reply.String("access_token"), reply.String("refresh_token")));
        }

        return tokens;
    }
}
