using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Waharoa.Storage;

namespace Waharoa.Server.Authorization;

/// <summary>Registers and maps the myIR logon and consent pages that both dialects' authorize endpoints hand over to.</summary>
internal static class AuthorizationPageEndpoints
{
    /// <summary>
    /// The logon and consent flow, its sessions and lockouts, and the anti-forgery and data-protection keys its forms
    /// need: kept in <paramref name="sharedKeys"/> when instances share a store (a page rendered by one instance is
    /// posted to another), else in <paramref name="keyFolder"/>.
    /// </summary>
    public static IServiceCollection AddAuthorizationPages(this IServiceCollection services, AuthorizationOptions options, ISharedFileStore? sharedKeys, string keyFolder)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var dataProtection = services.AddDataProtection().SetApplicationName("Waharoa");
        if (sharedKeys is not null)
        {
            services.AddOptions<KeyManagementOptions>().Configure<TimeProvider>((o, time) => o.XmlRepository = new StoreXmlRepository(sharedKeys, time));
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keyFolder));
        }

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "myir_antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.FormFieldName = "__RequestVerificationToken";
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddSingleton(options);
        services.AddSingleton<LogonSessions>();
        services.AddSingleton<LogonLockout>();
        services.AddSingleton<AuthorizationFlow>();
        return services;
    }

    /// <summary>Maps the logon and consent form targets and the pages' stylesheet.</summary>
    public static IEndpointRouteBuilder MapAuthorizationPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(AuthorizationPages.LogonPath, (HttpContext context, AuthorizationFlow flow) => flow.LogonAsync(context))
            .DisableAntiforgery()
            .AddEndpointFilter<DesktopOnlyFilter>()
            .AddEndpointFilter<PageHeadersFilter>();
        endpoints.MapPost(AuthorizationPages.ConsentPath, (HttpContext context, AuthorizationFlow flow) => flow.ConsentAsync(context))
            .DisableAntiforgery()
            .AddEndpointFilter<DesktopOnlyFilter>()
            .AddEndpointFilter<PageHeadersFilter>();
        endpoints.MapGet(AuthorizationPages.StylePath, () => Results.Text(AuthorizationPages.Style, "text/css; charset=utf-8"))
            .AddEndpointFilter<PageHeadersFilter>();
        return endpoints;
    }
}
