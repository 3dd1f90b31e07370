using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Waharoa.OAuth;
using Waharoa.Server.Coordination;
using Waharoa.Storage;

namespace Waharoa.Cli;

/// <summary>Tells running instances, through Redis when one is named, what a management verb changed in the store.</summary>
internal sealed class InstanceAnnouncement(string? redis, string withoutRedis) : IRevocationListener
{
    private readonly List<string> _said = [];
    private readonly List<string> _warned = [];

    /// <summary>
    /// The OAuth core's revocations over <paramref name="store"/>, each announced through <paramref name="redis"/> when
    /// it is named (<paramref name="withoutRedis"/> says what happens when it cannot be reached), and what was said of
    /// it, to print after the verb's own line.
    /// </summary>
    public static (Revocations Revocations, InstanceAnnouncement Announcement) Revocations(IWaharoaStore store, string? redis, string withoutRedis)
    {
        var announcement = new InstanceAnnouncement(redis, withoutRedis);
        return (new Revocations(store, [announcement], TimeProvider.System, NullLogger<Revocations>.Instance), announcement);
    }

    /// <summary>Publishes one message to the running instances, and prints how many heard it (or why none did).</summary>
    public static async Task SendAsync(string? redis, string topic, string message, string withoutRedis, CancellationToken cancellationToken)
    {
        var announcement = new InstanceAnnouncement(redis, withoutRedis);
        await announcement.PublishAsync(topic, message, cancellationToken);
        await announcement.PrintAsync();
    }

    /// <summary>Prints what the announcements said: how many instances heard them, or a warning.</summary>
    public async Task PrintAsync()
    {
        foreach (var line in _said)
        {
            Console.WriteLine(line);
        }

        foreach (var line in _warned)
        {
            await Console.Error.WriteLineAsync(line);
        }
    }

    public Task TokensRevokedAsync(string? jti) =>
        PublishAsync(CoordinationTopics.Revocations, jti ?? CoordinationTopics.EveryToken, CancellationToken.None);

    private async Task PublishAsync(string topic, string message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(redis))
        {
            return;
        }

        try
        {
            var instances = await CoordinationBus.PublishOnceAsync(redis, topic, message, cancellationToken);
            _said.Add($"told {instances} running instance(s) through Redis");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _warned.Add($"warning: could not reach Redis ({ex.GetType().Name}); {withoutRedis}");
        }
    }
}
