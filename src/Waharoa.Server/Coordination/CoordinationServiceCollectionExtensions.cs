using Microsoft.Extensions.Hosting;
using Waharoa.OAuth;
using Waharoa.Storage;

namespace Waharoa.Server.Coordination;

/// <summary>Registers the store, and with a Redis configured what the instances share through it.</summary>
internal static class CoordinationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <paramref name="store"/> under each of its parts, <see cref="RedisConnection"/>, <see cref="ICoordinationBus"/>
    /// and the announcement of revocations on it. With a Redis in <paramref name="options"/>
    /// the bus reaches every instance, the gateway's throttle counts on shared buckets, and token statuses are read
    /// through a cache the bus keeps honest; without it the bus stays within the instance, and token statuses are read
    /// through the same cache only when no other instance can use the store (embedded SQLite), as then every revocation is
    /// this instance's own; so are the clients, then read through <see cref="CachedClientStore"/>.
    /// </summary>
    public static IServiceCollection AddWaharoaCoordination(this IServiceCollection services, IWaharoaStore store, CoordinationOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var redisConfiguration = options.Redis;
        var shared = !string.IsNullOrWhiteSpace(redisConfiguration);
        var cached = shared || !store.IsShared;
        services.AddSingleton(options);
        services.AddSingleton(store);

        // Every part of the store is the store itself, but for the record of tokens, read through the cache when one is
        // used, and the clients, read through theirs when the instance is alone on its store.
        var alone = cached && !shared;
        foreach (var part in typeof(IWaharoaStore).GetInterfaces()
                     .Where(i => i != typeof(IAsyncDisposable) && !(cached && i == typeof(ITokenStore)) && !(alone && i == typeof(IClientStore))))
        {
            services.AddSingleton(part, store);
        }

        services.AddSingleton(sp => new RedisConnection(redisConfiguration, sp.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddSingleton<CoordinationBus>();
        services.AddSingleton<ICoordinationBus>(sp => sp.GetRequiredService<CoordinationBus>());
        services.AddSingleton<IRevocationListener, RevocationAnnouncer>();
        if (!cached)
        {
            return services;
        }

        services.AddSingleton<ITokenStore>(sp => new CachedTokenStore(store, sp.GetRequiredService<TokenStatusCache>()));
        if (alone)
        {
            services.AddSingleton<IClientStore>(sp => new CachedClientStore(store, sp.GetRequiredService<CoordinationBus>()));
            services.AddSingleton(sp => TokenStatusCache.ForThisInstanceOnly(sp.GetRequiredService<CoordinationBus>()));
            return services;
        }

        services.AddHostedService(sp => sp.GetRequiredService<CoordinationBus>());
        services.AddSingleton<SharedTokenBucket>();
        services.AddSingleton(sp => new TokenStatusCache(sp.GetRequiredService<RedisConnection>(), sp.GetRequiredService<CoordinationBus>()));
        return services;
    }
}
