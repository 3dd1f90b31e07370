using Microsoft.Extensions.Hosting;
using Waharoa.Storage;

namespace Waharoa.Server.Coordination;

/// <summary>Registers the store, and with a Redis configured what the instances share through it.</summary>
internal static class CoordinationServiceCollectionExtensions
{
    private static readonly Type[] StoreInterfaces =
    [
        typeof(IWaharoaStore), typeof(IClientStore), typeof(IUserStore), typeof(IConsentStore), typeof(IGrantStore),
        typeof(ISessionStore), typeof(ISandboxStore), typeof(ISigningKeyStore), typeof(ISharedFileStore),
    ];

    /// <summary>
    /// Registers <paramref name="store"/> under each of its interfaces, <see cref="RedisConnection"/> and
    /// <see cref="ICoordinationBus"/>. With <paramref name="redisConfiguration"/> (StackExchange.Redis's form) the
    /// gateway's throttle counts on shared buckets, and the store is seen through <see cref="CoordinatedStore"/>;
    /// without it the store is registered as it is and the bus stays within the instance.
    /// </summary>
    public static IServiceCollection AddWaharoaCoordination(this IServiceCollection services, IWaharoaStore store, string? redisConfiguration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(store);
        services.AddSingleton(sp => new RedisConnection(redisConfiguration, sp.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddSingleton(new UncachedTokenStatus(store, cached: !string.IsNullOrWhiteSpace(redisConfiguration)));
        services.AddSingleton<CoordinationBus>();
        services.AddSingleton<ICoordinationBus>(sp => sp.GetRequiredService<CoordinationBus>());
        if (string.IsNullOrWhiteSpace(redisConfiguration))
        {
            foreach (var type in StoreInterfaces)
            {
                services.AddSingleton(type, store);
            }

            return services;
        }

        services.AddHostedService(sp => sp.GetRequiredService<CoordinationBus>());
        services.AddSingleton<SharedTokenBucket>();
        services.AddSingleton(sp => new TokenStatusCache(sp.GetRequiredService<RedisConnection>(), sp.GetRequiredService<CoordinationBus>()));
        services.AddSingleton(sp => new CoordinatedStore(store, sp.GetRequiredService<TokenStatusCache>(), sp.GetRequiredService<ICoordinationBus>()));
        foreach (var type in StoreInterfaces)
        {
            services.AddSingleton(type, sp => sp.GetRequiredService<CoordinatedStore>());
        }

        return services;
    }
}
