using StackExchange.Redis;
using Waharoa.Server.Coordination;

namespace Waharoa.Cli;

/// <summary>Tells running instances, through Redis when one is named, what a management verb changed in the store.</summary>
internal static class InstanceAnnouncement
{
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
}
