using Microsoft.Extensions.DependencyInjection.Extensions;
using Waharoa.Time;

namespace Waharoa.Server.Clock;

/// <summary>Makes the virtual clock the server's only clock, and shows it on responses while it is moved.</summary>
internal static class ClockServiceCollectionExtensions
{
    /// <summary>The header every response carries while the clock is moved: the virtual now, ISO 8601 with its offset.</summary>
    public const string HeaderName = "X-Waharoa-Clock";

    /// <summary>
    /// Registers <paramref name="clock"/> as the one <see cref="TimeProvider"/> (replacing the one it wraps), and what
    /// moves it and keeps the instances together.
    /// </summary>
    public static IServiceCollection AddVirtualClock(this IServiceCollection services, VirtualClock clock)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(clock);
        services.AddSingleton<SharedClock>();
        services.AddHostedService(sp => sp.GetRequiredService<SharedClock>());
        return services;
    }

    /// <summary>
    /// Adds <see cref="HeaderName"/> to every response while the clock is moved; with the real clock the responses are
    /// left exactly as IR's.
    /// </summary>
    public static IApplicationBuilder UseVirtualClockHeader(this IApplicationBuilder app)
    {
        var clock = app.ApplicationServices.GetRequiredService<VirtualClock>();
        return app.Use((context, next) =>
        {
            if (clock.IsVirtual)
            {
                context.Response.OnStarting(() =>
                {
                    if (clock.IsVirtual)
                    {
                        context.Response.Headers[HeaderName] = clock.Format(clock.GetUtcNow());
                    }

                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
    }
}
