using System.Reflection;
using Waharoa.Storage;
using Waharoa.Time;

namespace Waharoa.Server.Control;

/// <summary>What <c>GET /control/instance</c> says of this instance.</summary>
internal sealed class ControlInstance(IWaharoaStore store, TimeProvider time)
{
    private static readonly string Version =
        typeof(ControlInstance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    public ControlInstanceView Describe() => new("Waharoa", Version, store.Provider, store.IsShared, time.GetUtcNow(), time is VirtualClock { IsVirtual: true });
}

/// <summary>An instance: the product, its version, its store, the time on its clock and whether that clock is moved (virtual).</summary>
public sealed record ControlInstanceView(string Product, string Version, string Store, bool SharedStore, DateTimeOffset Now, bool VirtualClock);
