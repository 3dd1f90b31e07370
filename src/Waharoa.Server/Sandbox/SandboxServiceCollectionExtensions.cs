using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Security.Cryptography;
using System.Text;
using Waharoa.Delegation;
using Waharoa.Server.Errors;
using Waharoa.Server.Sandbox.AccountApi;
using Waharoa.Server.Sandbox.Employment;
using Waharoa.Server.Sandbox.Intermediation;
using Waharoa.Server.Sandbox.Returns;
using Waharoa.Storage;

namespace Waharoa.Server.Sandbox;

/// <summary>Registers and maps the sandbox services inside the sandbox's own host.</summary>
internal static class SandboxServiceCollectionExtensions
{
    /// <summary>The parts of the store the services read and write (the DSP clients for their registered software platforms), and IR's delegated permissions over them.</summary>
    public static IServiceCollection AddSandbox(this IServiceCollection services, IWaharoaStore store, TimeProvider time, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(store);
        services.AddSingleton(time);
        services.AddSingleton(options);
        services.AddSingleton<ICustomerStore>(store);
        services.AddSingleton<IDelegationStore>(store);
        services.AddSingleton<IClientListStore>(store);
        services.AddSingleton<IClientStore>(store);
        services.AddSingleton<IReturnStore>(store);
        services.AddSingleton<IEmploymentStore>(store);
        services.TryAddSingleton<DelegationModel>();
        return services;
    }

    /// <summary>The services, behind a check that each request carries the gateway's <paramref name="key"/> in <paramref name="keyHeader"/>.</summary>
    public static WebApplication MapSandbox(this WebApplication app, string keyHeader, string key)
    {
        ArgumentNullException.ThrowIfNull(app);
        var expected = Encoding.ASCII.GetBytes(key);
        app.UseInternalErrorJson();
        app.Use(async (context, next) =>
        {
            if (!context.Request.Headers.TryGetValue(keyHeader, out var presented)
                || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented.ToString()), expected))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            await next(context);
        });
        app.UseRouting();
        app.MapIntermediation();
        app.MapAccountApi();
        app.MapReturns();
        app.MapEmployment();
        return app;
    }
}
