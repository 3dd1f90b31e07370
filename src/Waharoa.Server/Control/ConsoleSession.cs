using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;

namespace Waharoa.Server.Control;

/// <summary>
/// The console's session: the operator signs in once with the operator credential (<c>POST /control/session</c>) and gets
/// an HttpOnly, Secure, SameSite=Strict cookie scoped to <c>/control</c>; every state change the console then makes carries
/// an antiforgery token in <see cref="CsrfHeader"/>, and a call another origin's page made is refused.
/// </summary>
internal static class ConsoleSession
{
    public const string Scheme = "waharoa-console";
    public const string CookieName = "waharoa_console";
    public const string CsrfHeader = "X-Waharoa-Csrf";
    public const string Path = ControlApi.Prefix + "/session";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>What a call's console session says.</summary>
    public enum Outcome
    {
        /// <summary>No console session: the call needs the operator credential.</summary>
        None,

        /// <summary>A valid session, and for a state change a valid antiforgery token, from this origin.</summary>
        Valid,

        /// <summary>A session, but the state change lacks a valid antiforgery token or came from another origin.</summary>
        Forged,
    }

    /// <summary>Checks the call's console session; on <see cref="Outcome.Valid"/> the operator is the call's user.</summary>
    public static async Task<Outcome> CheckAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(Scheme);
        if (!result.Succeeded)
        {
            return Outcome.None;
        }

        context.User = result.Principal;
        if (!FromThisOrigin(context.Request))
        {
            return Outcome.Forged;
        }

        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            return Outcome.Valid;
        }

        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        return await antiforgery.IsRequestValidAsync(context) ? Outcome.Valid : Outcome.Forged;
    }

    public static IEndpointRouteBuilder MapConsoleSession(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return await CheckAsync(context) == Outcome.Valid
                ? Results.Json(NewSession(context), ControlJson.Options)
                : ControlApi.Error(StatusCodes.Status401Unauthorized, "not_signed_in", "Sign in with the operator credential.");
        }).WithMetadata(ControlEndpointMetadata.Instance).ExcludeFromDescription();

        endpoints.MapPost(Path, async (HttpContext context, SignIn? body) =>
        {
            context.Response.Headers.CacheControl = "no-store";

            // JSON only (a cross-site form cannot send it without the browser asking first) and from this origin only.
            if (!FromThisOrigin(context.Request))
            {
                return ControlApi.Error(StatusCodes.Status403Forbidden, "cross_origin", "Sign in from the console's own pages.");
            }

            var credential = context.RequestServices.GetRequiredService<OperatorCredential>();
            if (body?.Credential is not { Length: > 0 } presented || !credential.Matches(presented.Trim()))
            {
                return ControlApi.Error(StatusCodes.Status401Unauthorized, "operator_credential_invalid",
                    "That is not the operator credential (serve prints it; it is in the data folder's keys/operator.key).");
            }

            var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator")], Scheme));
            await context.SignInAsync(Scheme, principal);
            context.User = principal;
            return Results.Json(NewSession(context), ControlJson.Options);
        }).WithMetadata(ControlEndpointMetadata.Instance).ExcludeFromDescription();

        endpoints.MapDelete(Path, async (HttpContext context) =>
        {
            if (await CheckAsync(context) == Outcome.Forged)
            {
                return ControlApi.Error(StatusCodes.Status403Forbidden, "csrf_token_invalid", "The console's antiforgery token is missing or wrong; reload the page.");
            }

            await context.SignOutAsync(Scheme);
            return Results.NoContent();
        }).WithMetadata(ControlEndpointMetadata.Instance).ExcludeFromDescription();
        return endpoints;
    }

    private static ConsoleSessionView NewSession(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return new ConsoleSessionView(tokens.RequestToken!, CsrfHeader);
    }

    /// <summary>True when the call names no origin (not a browser's cross-origin call) or names this one.</summary>
    private static bool FromThisOrigin(HttpRequest request)
    {
        var origin = request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length == 0)
        {
            return request.Headers["Sec-Fetch-Site"].ToString() is "" or "same-origin" or "none";
        }

        return string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The sign-in request: the operator credential.</summary>
    internal sealed record SignIn(string? Credential);
}

/// <summary>A console session: the antiforgery token its state changes send in <paramref name="Header"/>.</summary>
public sealed record ConsoleSessionView(string Csrf, string Header);
