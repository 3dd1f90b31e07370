using System.Net;

namespace Waharoa.Server.Gateway;

/// <summary>An IP allowlist of CIDR networks.</summary>
internal sealed class IpNetworks
{
    private readonly IReadOnlyList<IPNetwork> _networks;

    public IpNetworks(IEnumerable<string> cidrs)
    {
        _networks = cidrs.Select(c => IPNetwork.TryParse(c, out var network)
            ? network
            : throw new ArgumentException($"'{c}' is not a CIDR network such as 127.0.0.0/8.")).ToList();
    }

    public bool IsEmpty => _networks.Count == 0;

    public bool Contains(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return _networks.Any(n => n.Contains(address));
    }
}
