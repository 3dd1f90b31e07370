using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Waharoa.Server.Sandbox.AccountApi;

/// <summary>The Account API (REST JSON) as the sandbox host serves it, behind the gateway.</summary>
internal static class AccountApiEndpoints
{
    /// <summary>The API's base paths on the cloud endpoint: IR's service table and the OpenAPI file's basePath.</summary>
    public static readonly string[] Paths = ["/gateway/account/", "/secure/gateway/account/"];

    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder endpoints)
    {
        // Placeholder until the service lands.
        foreach (var path in Paths)
        {
            endpoints.Map(path.TrimEnd('/') + "/{**rest}", (HttpContext context) => Results.StatusCode(StatusCodes.Status501NotImplemented));
        }

        return endpoints;
    }
}
