using Waharoa.Certificates;
using Waharoa.Grants;
using Waharoa.Server.Endpoints;
using Yarp.ReverseProxy.Model;

namespace Waharoa.Server.Gateway;

/// <summary>
/// First on the cloud endpoint, before any body is read or caller authenticated: a call whose client certificate is
/// enrolled for no client is throttled by the certificate, and answered 429 with <c>Retry-After</c> in the form of what
/// it called: the endpoint's own <see cref="ThrottledAnswer"/> (the token endpoints), a SOAP fault on a SOAP route, else
/// the gateway's <c>errors</c> array. The client found is left to the gateway's authentication, which need not look again.
/// </summary>
internal sealed class UnenrolledCertificateMiddleware(RequestDelegate next, UnenrolledCertificateThrottle throttle)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var certificate = context.Connection.ClientCertificate;
        if (certificate is null || context.GetGatewayEndpoint() != GatewayEndpoint.Cloud)
        {
            await next(context);
            return;
        }

        var identity = CertificateIdentity.Of(certificate);
        var (client, retryAfter) = await throttle.AdmitAsync(identity.Sha256Thumbprint, identity.CommonName, context.RequestAborted);
        if (retryAfter is { } wait)
        {
            var endpoint = context.GetEndpoint();
            if (endpoint?.Metadata.GetMetadata<ThrottledAnswer>() is { } answer)
            {
                ThrottledAnswer.SetRetryAfter(context, wait);
                await answer.WriteAsync(context, wait);
                return;
            }

            var soap = endpoint?.Metadata.GetMetadata<RouteModel>() is { } route && GatewayRouteMetadata.UsesSoapErrors(route.Config);
            await GatewayResponses.ThrottledAsync(context, wait, soap);
            return;
        }

        context.Features.Set(new CertificateClientFeature(client));
        await next(context);
    }
}
