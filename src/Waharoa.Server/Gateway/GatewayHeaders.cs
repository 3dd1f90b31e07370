using System.Globalization;

namespace Waharoa.Server.Gateway;

/// <summary>
/// The contract between the gateway and the services behind it: the <c>X-Waharoa-*</c> headers in which the gateway
/// tells a service who a call is from (or, on a SOAP route, the IR status code of a call it could not authenticate).
/// Only the gateway writes them: whatever a caller sent under the prefix is dropped first.
/// </summary>
internal static class GatewayHeaders
{
    public const string Prefix = "X-Waharoa-";
    public const string ClientId = "X-Waharoa-Client-Id";
    public const string Logon = "X-Waharoa-Logon";
    public const string Authentication = "X-Waharoa-Authentication";
    public const string Endpoint = "X-Waharoa-Endpoint";
    public const string Customer = "X-Waharoa-Customer";
    public const string GatewayStatus = "X-Waharoa-Gateway-Status";

    /// <summary>On SOAP routes, the status an injected scenario rule answers the call with (the service renders it in the operation's response).</summary>
    public const string ScenarioStatus = "X-Waharoa-Scenario-Status";

    /// <summary>Drops every header under <see cref="Prefix"/>.</summary>
    public static void Clear(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        List<string>? sent = null;
        foreach (var header in headers)
        {
            if (header.Key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                (sent ??= []).Add(header.Key);
            }
        }

        foreach (var name in sent ?? [])
        {
            headers.Remove(name);
        }
    }

    /// <summary>Replaces whatever the caller sent under the prefix with <paramref name="call"/>.</summary>
    public static void Write(IHeaderDictionary headers, Call call)
    {
        ArgumentNullException.ThrowIfNull(call);
        Clear(headers);
        Set(headers, ClientId, call.ClientId);
        Set(headers, Endpoint, call.Endpoint);
        Set(headers, Authentication, call.Authentication);
        Set(headers, Logon, call.Logon);
        Set(headers, Customer, call.Customer);
        Set(headers, GatewayStatus, call.GatewayStatus?.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>What the gateway wrote on <paramref name="headers"/>.</summary>
    public static Call Read(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        string? Get(string name) => headers.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value.ToString()) ? value.ToString() : null;
        return new Call(
            Get(ClientId),
            Get(Endpoint),
            Get(Authentication),
            Get(Logon),
            Get(Customer),
            int.TryParse(Get(GatewayStatus), CultureInfo.InvariantCulture, out var status) ? status : null);
    }

    private static void Set(IHeaderDictionary headers, string name, string? value)
    {
        if (value is not null)
        {
            headers[name] = value;
        }
    }

    /// <summary>One call as the gateway describes it to the service.</summary>
    /// <param name="ClientId">The DSP client; null when the gateway could not identify one.</param>
    /// <param name="Endpoint"><c>cloud</c> or <c>desktop</c>.</param>
    /// <param name="Authentication"><c>bearer</c> (an OAuth access token) or <c>m2m</c> (a DSP-signed JWT).</param>
    /// <param name="Logon">The myIR user the call acts as, or null.</param>
    /// <param name="Customer">For an M2M call without <c>startLogon</c>: the IRD number of the DSP's own customer, or null.</param>
    /// <param name="GatewayStatus">On SOAP routes, IR's status code (1, 2 or 5) for a call the gateway refused; null when authenticated.</param>
    public sealed record Call(string? ClientId, string? Endpoint, string? Authentication, string? Logon, string? Customer, int? GatewayStatus);
}
