using Waharoa.Grants;
using Waharoa.Server.Calls;
using Waharoa.Server.Endpoints;
using Waharoa.Server.Errors;
using Waharoa.Server.Observability;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Waharoa.Server.Gateway;

/// <summary>
/// The one pipeline in front of every gateway route: firewall (non-production), identify the DSP, authenticate
/// the caller (OAuth bearer token or, on cloud, an M2M JWT; each route takes the kinds its metadata names), throttle per DSP, apply the injected scenario rules, forward with the caller's identity
/// in <c>X-Waharoa-*</c> headers, and turn an upstream timeout into IR's 504 <c>GatewayError</c>. A request that is no
/// upstream's fault gets its own answer: 400 for a body that cannot be read, 405 for CONNECT, none for a client that has gone.
/// </summary>
internal sealed partial class GatewayPipeline(
    RequestDelegate next,
    GatewayOptions options,
    GatewayAuthentication authentication,
    DspThrottle throttle,
    IGatewayScenarios scenarios,
    WaharoaMetrics metrics,
    ILogger<GatewayPipeline> logger)
{
    private readonly IpNetworks _desktopNetworks = new(options.Desktop.AllowedNetworks);
    private readonly IpNetworks _cloudNetworks = new(options.Cloud.AllowedNetworks);

    public async Task InvokeAsync(HttpContext context)
    {
        var route = context.GetReverseProxyFeature().Route.Config;
        var endpoint = context.GetGatewayEndpoint();
        var notes = context.CallNotes();
        notes.Service = GatewayRouteMetadata.ServiceName(route);
        if (!GatewayRouteMetadata.ServesEndpoint(route, endpoint))
        {
            notes.Reason = $"The {notes.Service} service is not served on the {EndpointName(endpoint)} endpoint.";
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var networks = endpoint == GatewayEndpoint.Cloud ? _cloudNetworks : _desktopNetworks;
        if (options.Environment != GatewayEnvironment.Production && !networks.IsEmpty && !networks.Contains(context.Connection.RemoteIpAddress))
        {
            notes.Reason = $"The caller's address is not on the {EndpointName(endpoint)} endpoint's allowlist.";
            await GatewayResponses.RefuseAsync(context, GatewayErrors.NotAllowedHere);
            return;
        }

        var soap = GatewayRouteMetadata.UsesSoapErrors(route);
        if (HttpMethods.IsConnect(context.Request.Method))
        {
            notes.Reason = "CONNECT is not a method the gateway takes.";
            await GatewayResponses.RejectAsync(context, GatewayErrors.MethodNotAllowed, soap);
            return;
        }

        var (caller, error, certificateClient) = await authentication.AuthenticateAsync(context, endpoint);
        notes.ClientId ??= caller?.Client.ClientId ?? certificateClient?.ClientId;
        if (caller is not null && !GatewayRouteMetadata.Takes(route, caller))
        {
            notes.Reason = $"The {notes.Service} service takes {GatewayRouteMetadata.AuthenticationOf(route)} only, not {caller.Authentication}.";
            // IR's services each take OAuth, M2M or both: a token of a kind the service does not take is not a valid token for it.
            Log.AuthenticationNotTaken(logger, caller.Authentication, caller.Client.ClientId, GatewayRouteMetadata.ServiceName(route), GatewayRouteMetadata.AuthenticationOf(route));
            (caller, error) = (null, GatewayErrors.InvalidToken);
        }

        if (caller is not null && !caller.Client.IsEnrolledFor(GatewayRouteMetadata.ServiceName(route)))
        {
            notes.Reason = $"Client {caller.Client.ClientId} is not enrolled for the {notes.Service} service.";
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
                    GatewayHeaders.Write(context.Request.Headers, new GatewayHeaders.Call(null, null, null, null, null, status));
                    await ForwardAsync(context, route, soap);
                }

                return;
            }

            var overridden = error!.Status == StatusCodes.Status401Unauthorized ? GatewayRouteMetadata.AuthenticationFailureStatusOf(route) : null;
            await GatewayResponses.RefuseAsync(context, overridden is int s ? error with { Status = s } : error);
            return;
        }

        notes.Authentication = caller.Authentication;
        notes.Logon = caller.Logon;
        var admission = await throttle.TryAdmitAsync(endpoint, caller.Client.ClientId);
        using var lease = admission.Lease;
        if (lease is null)
        {
            await ThrottledAsync(context, caller.Client.ClientId, endpoint, admission.RetryAfter, soap);
            return;
        }

        // An M2M call without startLogon acts as the DSP's own customer.
        GatewayHeaders.Write(context.Request.Headers, new GatewayHeaders.Call(
            caller.Client.ClientId,
            caller.Endpoint == GatewayEndpoint.Cloud ? "cloud" : "desktop",
            caller.Authentication,
            caller.Logon,
            caller.Logon is null ? caller.Client.CustomerIrd : null,
            null));
        if (scenarios.Any && await scenarios.TryAnswerAsync(context, route, caller, soap))
        {
            return;
        }

        await ForwardAsync(context, route, soap);
    }

    private static string EndpointName(GatewayEndpoint endpoint) => endpoint == GatewayEndpoint.Cloud ? "cloud" : "desktop";

    private async Task ThrottledAsync(HttpContext context, string clientId, GatewayEndpoint endpoint, TimeSpan retryAfter, bool soap)
    {
        context.CallNotes().Reason = $"Client {clientId} was throttled on the {EndpointName(endpoint)} endpoint (too many calls); told to retry after {Math.Ceiling(retryAfter.TotalSeconds)} s.";
        Log.Throttled(logger, clientId, endpoint.ToString());
        metrics.Throttled(endpoint, clientId);
        await GatewayResponses.ThrottledAsync(context, retryAfter, soap);
    }

    private async Task ForwardAsync(HttpContext context, Yarp.ReverseProxy.Configuration.RouteConfig route, bool soap)
    {
        await next(context);

        if (context.Features.Get<IForwarderErrorFeature>() is not { } failure)
        {
            return;
        }

        if (IsClientSide(failure.Error) && ClientDisconnects.HasGone(context, failure.Exception))
        {
            Log.ClientGone(logger, route.RouteId, failure.Error.ToString());
            ClientDisconnects.Abort(context);
            return;
        }

        if (failure.Error == ForwarderError.RequestBodyClient)
        {
            context.CallNotes().Reason = "The request body could not be read as framed.";
            Log.MalformedBody(logger, route.RouteId);
            if (!context.Response.HasStarted)
            {
                await GatewayResponses.RejectAsync(context, GatewayErrors.MalformedRequest, soap);
            }

            return;
        }

        Log.UpstreamFailed(logger, route.RouteId, failure.Error.ToString(), failure.Exception);
        context.CallNotes().Reason = failure.Error == ForwarderError.RequestTimedOut
            ? "The service did not answer within the gateway's timeout: 504 GatewayError."
            : $"The service behind the gateway failed ({failure.Error}).";
        if (!context.Response.HasStarted)
        {
            await GatewayResponses.UpstreamTimedOutAsync(context);
        }
    }

    /// <summary>Failures on the caller's side of the forwarder: its request, its body, or its end of the response.</summary>
    private static bool IsClientSide(ForwarderError error) => error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled
        or ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient
        or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeRequestClient
        or ForwarderError.UpgradeResponseCanceled or ForwarderError.UpgradeResponseClient;

    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Warning, "Client {ClientId} throttled on the {Endpoint} endpoint")]
        public static partial void Throttled(ILogger logger, string clientId, string endpoint);

        [LoggerMessage(3002, LogLevel.Warning, "Upstream of route {RouteId} failed: {Error}")]
        public static partial void UpstreamFailed(ILogger logger, string routeId, string error, Exception? exception);

        [LoggerMessage(3006, LogLevel.Debug, "Client went away during a call on route {RouteId} ({Error}): nothing answered")]
        public static partial void ClientGone(ILogger logger, string routeId, string error);

        [LoggerMessage(3007, LogLevel.Debug, "Request body on route {RouteId} could not be read as framed: refused with 400")]
        public static partial void MalformedBody(ILogger logger, string routeId);

        [LoggerMessage(3011, LogLevel.Information, "{Authentication} call of client {ClientId} refused with EV1020: the {Service} service takes {Accepted} only")]
        public static partial void AuthenticationNotTaken(ILogger logger, string authentication, string clientId, string service, string accepted);

        [LoggerMessage(3003, LogLevel.Warning, "Client {ClientId} is not enrolled for the web service {Service}: refused with EV1020")]
        public static partial void NotEnrolled(ILogger logger, string clientId, string service);
    }
}
