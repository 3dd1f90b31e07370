using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Waharoa.OAuth;
using Waharoa.Server.Coordination;
using Waharoa.Storage;

namespace Waharoa.Cli;

/// <summary>Tells running instances, through Redis when one is named, what a management verb changed in the store.</summary>
internal static class InstanceAnnouncement
{
    /// <summary>
    /// The OAuth core's revocations over <paramref name="store"/>, each announced through <paramref name="redis"/> when it
    /// is named; <paramref name="withoutRedis"/> says what happens when it cannot be reached.
    /// </summary>
    public static Revocations Revocations(IWaharoaStore store, string? redis, string withoutRedis) =>
        new(store, store, store, [new Announcer(redis, withoutRedis)], TimeProvider.System, NullLogger<Revocations>.Instance);

    public static async Task SendAsync(string? redis, string topic, string message, string withoutRedis, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(redis))
        {
            return;
        }

        try
        {
            var instances = await CoordinationBus.PublishOnceAsync(redis, topic, message, cancellationToken);
            Console.WriteLine($"told {instances} running instance(s) through Redis");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"warning: could not reach Redis ({ex.GetType().Name}); {withoutRedis}");
        }
    }

    private sealed class Announcer(string? redis, string withoutRedis) : IRevocationListener
    {
        public Task TokensRevokedAsync(string? jti) =>
            SendAsync(redis, CoordinationTopics.Revocations, jti ?? CoordinationTopics.EveryToken, withoutRedis, CancellationToken.None);
    }
}
