using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Waharoa.Time;

namespace Waharoa.Server.Control;

/// <summary>
/// The console: a web UI over the control API, served on the control listener under <c>/console/</c> from files embedded in
/// the build. Its pages are static (they hold no data); everything they show and change goes through the control API,
/// signed in with the operator credential into a cookie (<see cref="ConsoleSession"/>).
/// </summary>
internal static partial class ConsolePages
{
    public const string Prefix = "/console";

    /// <summary>Scripts, styles and images from this origin only; nothing inline; no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private const string ResourcePrefix = "Waharoa.Console.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
    }.ToFrozenDictionary();

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(LoadFiles);

    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        // The console's session is the only scheme and is checked where it is needed (ConsoleSession): not made the default,
        // so that no call (a gateway call above all) runs the cookie handler for nothing.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddAuthentication().AddCookie(ConsoleSession.Scheme, o =>
        {
            o.Cookie.Name = ConsoleSession.CookieName;
            o.Cookie.Path = ControlApi.Prefix;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = ConsoleSession.Lifetime;
            o.SlidingExpiration = true;
        });

        // The console's session runs on the real clock: moving the virtual clock must not sign the operator out.
        services.AddOptions<CookieAuthenticationOptions>(ConsoleSession.Scheme).PostConfigure<VirtualClock>((o, clock) => o.TimeProvider = clock.Real);
        services.AddOptions<AntiforgeryOptions>().Configure(o => o.HeaderName = ConsoleSession.CsrfHeader);
        return services;
    }

    /// <summary>Maps the console's files and its session (sign in, sign out) on the control listener.</summary>
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<ControlOptions>();
        if (!options.Enabled)
        {
            return endpoints;
        }

        endpoints.MapGet(Prefix + "/{file?}", (HttpContext context, string? file) => ServeFile(context, file))
            .WithMetadata(ControlEndpointMetadata.Instance)
            .ExcludeFromDescription();
        endpoints.MapConsoleSession();
        return endpoints;
    }

    /// <summary>The security headers of every console answer.</summary>
    public static void SetSecurityHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
    }

    private static IResult ServeFile(HttpContext context, string? file)
    {
        SetSecurityHeaders(context.Response);
        if (string.IsNullOrEmpty(file) && !context.Request.Path.Value!.EndsWith('/'))
        {
            // The pages' relative links assume /console/.
            return Results.Redirect(Prefix + "/");
        }

        var name = string.IsNullOrEmpty(file) ? "index.html" : file;
        if (!FileName().IsMatch(name))
        {
            return Results.NotFound();
        }

        if (!Path.HasExtension(name))
        {
            name += ".html";
        }

        return Files.Value.TryGetValue(name, out var bytes) && ContentTypes.TryGetValue(Path.GetExtension(name), out var type)
            ? Results.Bytes(bytes, type)
            : Results.NotFound();
    }

    private static FrozenDictionary<string, byte[]> LoadFiles()
    {
        var assembly = typeof(ConsolePages).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[resource[ResourcePrefix.Length..]] = copy.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*(\\.(html|js|css|svg|png))?$")]
    private static partial Regex FileName();
}
