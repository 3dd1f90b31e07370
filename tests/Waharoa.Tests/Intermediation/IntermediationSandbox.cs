using System.Xml.Linq;
using Waharoa.Testing;

namespace Waharoa.Tests.Intermediation;

/// <summary>A fresh Waharoa with its demo data (the embedded intermediation seed) and a cloud DSP to call the service.</summary>
internal sealed class IntermediationSandbox : IAsyncDisposable
{
    private IntermediationSandbox(WaharoaTestHost host)
    {
        Host = host;
        Calls = new IntermediationCalls(host);
    }

    public WaharoaTestHost Host { get; }

    public IntermediationCalls Calls { get; }

    public static async Task<IntermediationSandbox> StartAsync() => new(await WaharoaTestHost.StartAsync());

    public Task<SoapAnswer> SendAsync(string logon, XDocument envelope) => Calls.SendAsync(logon, envelope);

    public async ValueTask DisposeAsync()
    {
        Calls.Dispose();
        await Host.DisposeAsync();
    }
}
