using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Grants;
using Waharoa.Server.Hosting;
using Waharoa.Server.Xiams;
using Waharoa.Storage;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Waharoa.Server.Gateway;

/// <summary>
/// The one pipeline in front of every gateway route: firewall (non-production), identify the DSP, authenticate
/// the caller (OAuth bearer token or, on cloud, an M2M JWT), throttle per DSP, forward with the caller's identity
/// in <c>X-Waharoa-*</c> headers, and turn an upstream timeout into IR's 504 <c>GatewayError</c>.
/// </summary>
internal sealed partial class GatewayPipeline(
    RequestDelegate next,
    GatewayOptions options,
    IClientStore clients,
    XiamsTokenReader tokens,
    M2mJwtVerifier m2m,
    DspThrottle throttle,
    Observability.WaharoaMetrics metrics,
    ILogger<GatewayPipeline> logger)
{
    public const string HeaderPrefix = "X-Waharoa-";
    public const string ClientHeader = "X-Waharoa-Client-Id";
    public const string LogonHeader = "X-Waharoa-Logon";
    public const string AuthenticationHeader = "X-Waharoa-Authentication";
    public const string EndpointHeader = "X-Waharoa-Endpoint";
    public const string CustomerHeader = "X-Waharoa-Customer";
    public const string GatewayStatusHeader = "X-Waharoa-Gateway-Status";

    private readonly IpNetworks _desktopNetworks = new(options.Desktop.AllowedNetworks);
    private readonly IpNetworks _cloudNetworks = new(options.Cloud.AllowedNetworks);

    public async Task InvokeAsync(HttpContext context)
    {
        var route = context.GetReverseProxyFeature().Route.Config;
        var endpoint = context.GetGatewayEndpoint();
        if (!GatewayRouteMetadata.ServesEndpoint(route, endpoint))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var networks = endpoint == GatewayEndpoint.Cloud ? _cloudNetworks : _desktopNetworks;
        if (options.Environment != GatewayEnvironment.Production && !networks.IsEmpty && !networks.Contains(context.Connection.RemoteIpAddress))
        {
            await RefuseAsync(context, GatewayErrors.NotAllowedHere);
            return;
        }

        var soap = GatewayRouteMetadata.UsesSoapErrors(route);
        var (caller, error, certificateClient) = await AuthenticateAsync(context, endpoint);
        if (caller is not null && !caller.Client.IsEnrolledFor(GatewayRouteMetadata.ServiceName(route)))
        {
            Log.NotEnrolled(logger, caller.Client.ClientId, GatewayRouteMetadata.ServiceName(route));
            (caller, error) = (null, GatewayErrors.NotEnrolled);
        }

        if (caller is null)
        {
            if (soap && error!.SoapStatus is int status)
            {
                // A SOAP service answers a refused call itself, in the operation's own response with IR's status code;
                // such calls still count against the DSP their certificate names, so they cannot flood the service.
                IDisposable? refusedLease = null;
                if (certificateClient is { } dsp)
                {
                    (refusedLease, var wait) = await throttle.TryAdmitAsync(endpoint, dsp.ClientId);
                    if (refusedLease is null)
                    {
                        await ThrottledAsync(context, dsp.ClientId, endpoint, wait, soap);
                        return;
                    }
                }

                using (refusedLease)
                {
                    ClearIdentityHeaders(context.Request.Headers);
                    context.Request.Headers[GatewayStatusHeader] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await ForwardAsync(context, route);
                }

                return;
            }

            var overridden = error!.Status == StatusCodes.Status401Unauthorized ? GatewayRouteMetadata.AuthenticationFailureStatusOf(route) : null;
            await RefuseAsync(context, overridden is int s ? error with { Status = s } : error);
            return;
        }

        var admission = await throttle.TryAdmitAsync(endpoint, caller.Client.ClientId);
        using var lease = admission.Lease;
        if (lease is null)
        {
            await ThrottledAsync(context, caller.Client.ClientId, endpoint, admission.RetryAfter, soap);
            return;
        }

        SetIdentityHeaders(context.Request.Headers, caller);
        await ForwardAsync(context, route);
    }

    private async Task ThrottledAsync(HttpContext context, string clientId, GatewayEndpoint endpoint, TimeSpan retryAfter, bool soap)
    {
        Log.Throttled(logger, clientId, endpoint.ToString());
        metrics.Throttled(endpoint, clientId);
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (soap)
        {
            await SoapFault.WriteUnAuthorisedAsync(context.Response, StatusCodes.Status429TooManyRequests, context.RequestAborted);
            return;
        }

        await RefuseAsync(context, GatewayErrors.Throttled(retryAfter));
    }

    private async Task ForwardAsync(HttpContext context, Yarp.ReverseProxy.Configuration.RouteConfig route)
    {
        await next(context);

        var failure = context.Features.Get<IForwarderErrorFeature>();
        if (failure is not null && !context.Response.HasStarted)
        {
            Log.UpstreamFailed(logger, route.RouteId, failure.Error.ToString());
            context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
            await WriteJsonAsync(context, w =>
            {
                w.WriteString("error", GatewayErrors.GatewayErrorCode);
                w.WriteString("error_description", GatewayErrors.GatewayTimeout);
            });
        }
    }

    /// <summary>The caller, or why not; and on cloud the DSP the client certificate names, even when the token fails.</summary>
    private async Task<(GatewayCaller? Caller, GatewayError? Error, DspClient? CertificateClient)> AuthenticateAsync(HttpContext context, GatewayEndpoint endpoint)
    {
        DspClient? certificateClient = null;
        var certificate = context.Connection.ClientCertificate;
        if (endpoint == GatewayEndpoint.Cloud)
        {
            certificateClient = certificate is null ? null
                : await clients.FindClientByCertificateAsync(CertificateFiles.Sha256Thumbprint(certificate), context.RequestAborted);
            if (certificateClient is null)
            {
                Log.UnknownCertificate(logger, certificate?.Subject ?? "(none)");
                return (null, GatewayErrors.NotEnrolled, null);
            }
        }

        var authorization = context.Request.Headers.Authorization;
        if (authorization.Count != 1 || string.IsNullOrWhiteSpace(authorization.ToString()))
        {
            return (null, GatewayErrors.MissingToken, certificateClient);
        }

        var value = authorization.ToString().Trim();
        if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var (_, status) = await tokens.ReadActiveAsync(value["Bearer ".Length..].Trim(), null, context.RequestAborted, XiamsTokenFactory.AccessContext);
            if (status is null)
            {
                return (null, GatewayErrors.InvalidToken, certificateClient);
            }

            var client = certificateClient ?? await clients.FindClientAsync(status.Grant.ClientId, context.RequestAborted);
            if (client is null || client.ClientId != status.Grant.ClientId)
            {
                return (null, GatewayErrors.InvalidToken, certificateClient);
            }

            return (new GatewayCaller(client, endpoint, status.Grant.Logon, "bearer"), null, certificateClient);
        }

        // An M2M JWT goes bare in the header (no "Bearer"), and only over the cloud endpoint's mutual TLS.
        if (endpoint != GatewayEndpoint.Cloud || certificateClient is null || value.Contains(' ', StringComparison.Ordinal))
        {
            return (null, GatewayErrors.InvalidToken, certificateClient);
        }

        var (valid, startLogon) = await m2m.VerifyAsync(value, certificate!);
        return valid
            ? (new GatewayCaller(certificateClient, endpoint, startLogon, "m2m"), null, certificateClient)
            : (null, GatewayErrors.InvalidToken, certificateClient);
    }

    private static void ClearIdentityHeaders(IHeaderDictionary headers)
    {
        // Whatever the caller sent under our prefix is dropped: only the gateway speaks for the caller.
        foreach (var name in headers.Keys.Where(k => k.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            headers.Remove(name);
        }
    }

    private static void SetIdentityHeaders(IHeaderDictionary headers, GatewayCaller caller)
    {
        ClearIdentityHeaders(headers);

        headers[ClientHeader] = caller.Client.ClientId;
        headers[EndpointHeader] = caller.Endpoint.ToString().ToLowerInvariant();
        headers[AuthenticationHeader] = caller.Authentication;
        if (caller.Logon is not null)
        {
            headers[LogonHeader] = caller.Logon;
        }
        else if (caller.Client.CustomerIrd is not null)
        {
            // An M2M call without startLogon acts as the DSP's own customer.
            headers[CustomerHeader] = caller.Client.CustomerIrd;
        }
    }

    private static Task RefuseAsync(HttpContext context, GatewayError error)
    {
        context.Response.StatusCode = error.Status;
        return WriteJsonAsync(context, w =>
        {
            w.WriteStartArray("errors");
            w.WriteStartObject();
            w.WriteString("code", error.Code);
            w.WriteString("type", error.Type);
            w.WriteString("message", error.Message);
            w.WriteEndObject();
            w.WriteEndArray();
        });
    }

    private static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Warning, "Client {ClientId} throttled on the {Endpoint} endpoint")]
        public static partial void Throttled(ILogger logger, string clientId, string endpoint);

        [LoggerMessage(3002, LogLevel.Warning, "Upstream of route {RouteId} failed: {Error}")]
        public static partial void UpstreamFailed(ILogger logger, string routeId, string error);

        [LoggerMessage(3003, LogLevel.Warning, "Client {ClientId} is not enrolled for the web service {Service}: refused with EV1020")]
        public static partial void NotEnrolled(ILogger logger, string clientId, string service);

        [LoggerMessage(3004, LogLevel.Warning, "Client certificate {Subject} is not enrolled for any client: refused with EV1020")]
        public static partial void UnknownCertificate(ILogger logger, string subject);
    }
}
