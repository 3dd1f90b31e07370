using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Waharoa.Server.Tls;

namespace Waharoa.Server.Control;

/// <summary>The control API's own Kestrel listener: HTTPS with the server certificate, no client certificate.</summary>
internal static class ControlListener
{
    private static readonly object Key = typeof(ControlListener);

    public static ListenOptions Listen(KestrelServerOptions kestrel, IPAddress address, int port, ServerCertificates certificates)
    {
        ListenOptions? bound = null;
        kestrel.Listen(address, port, listen =>
        {
            bound = listen;
            listen.Use(next => connection =>
            {
                connection.Items[Key] = true;
                return next(connection);
            });
            listen.UseHttps(https =>
            {
                https.ServerCertificate = certificates.Server;
                https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            });
        });
        return bound!;
    }

    /// <summary>True when the request came in on the control listener.</summary>
    public static bool IsControlConnection(this HttpContext context)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        return items is not null && items.ContainsKey(Key);
    }
}
