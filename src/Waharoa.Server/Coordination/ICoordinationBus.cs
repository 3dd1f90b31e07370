namespace Waharoa.Server.Coordination;

/// <summary>
/// Signals between the instances that run on one store (a token revoked, signing keys rotated): over Redis's
/// publish/subscribe when a Redis is configured, within this instance only when not.
/// </summary>
internal interface ICoordinationBus
{
    /// <summary>
    /// Delivers <paramref name="message"/> on <paramref name="topic"/> to this instance's subscribers at once and,
    /// when Redis is configured and reachable, to every other instance's. Redis being away is logged, not thrown:
    /// each instance then relies on what it reads from the store.
    /// </summary>
    Task PublishAsync(string topic, string message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="handler"/> with each message on <paramref name="topic"/> until the result is disposed; it
    /// may be called on any thread, and concurrently. An exception it throws is logged and goes no further.
    /// </summary>
    IDisposable Subscribe(string topic, Action<string> handler);
}
