
namespace Waharoa.Server.Authorization;

/// <summary>
/// Security headers of the browser pages: a strict Content-Security-Policy, no framing, no caching, and HSTS (except
/// for the loopback names ASP.NET Core's HSTS also leaves out, so a developer's other local servers stay reachable
/// over plain HTTP).
/// </summary>
internal sealed class PageHeadersFilter : IEndpointFilter
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>One year, as is usual; without <c>includeSubDomains</c>, which is the operator's call for their domain.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        var host = context.HttpContext.Request.Host.Host;
        if (!LoopbackHosts.Contains(host, StringComparer.OrdinalIgnoreCase) && !host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }

        return next(context);
    }
}
