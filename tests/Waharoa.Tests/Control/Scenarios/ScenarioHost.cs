using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Waharoa.Testing;

namespace Waharoa.Tests.Control.Scenarios;

/// <summary>One host for a class of scenario tests (a short gateway timeout, so a delay past it is quick to see), and the control calls they make.</summary>
public sealed class ScenarioHost : IAsyncLifetime
{
    /// <summary>The gateway timeout of the shared host.</summary>
    public static readonly TimeSpan UpstreamTimeout = TimeSpan.FromSeconds(3);

    private WaharoaTestHost? _host;

    public WaharoaTestHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() =>
        _host = await WaharoaTestHost.StartAsync(configure: o => o.Gateway.UpstreamTimeout = UpstreamTimeout);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>PUTs <paramref name="rule"/> as <paramref name="name"/>; the response.</summary>
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> PutAsync(HttpClient control, string name, object rule)
    {
        using var response = await control.PutAsJsonAsync("/control/scenarios/" + name, rule);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>PUTs a rule that must be taken.</summary>
    public static async Task AddAsync(HttpClient control, string name, object rule)
    {
        var (status, body) = await PutAsync(control, name, rule);
        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {body}");
    }

    /// <summary>The rule as the control API shows it.</summary>
    public static async Task<JsonElement> GetAsync(HttpClient control, string name)
    {
        using var response = await control.GetAsync("/control/scenarios/" + name);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
