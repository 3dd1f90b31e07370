using System.Collections.Concurrent;
using Waharoa.Clients;
using Waharoa.Storage;

namespace Waharoa.Server.Coordination;

/// <summary>
/// The client store of an instance alone on its store (embedded SQLite, no Redis), which remembers the enabled clients
/// it found by certificate and by id for up to <see cref="Lifetime"/>, so that the gateway does not read the client of
/// every call's certificate from the store. Every change of a client is this instance's own and forgets them all
/// before it returns: an add, edit or disable through this store, a removal (which revokes the client's grants, and is
/// told on <see cref="CoordinationTopics.Revocations"/>). A change written to the store by something else (the CLI when
/// it cannot reach the server) is seen once the lifetime ends. A client not found is not remembered: one added is
/// found at once.
/// </summary>
internal sealed class CachedClientStore : IClientStore, IDisposable
{
    /// <summary>How long a client found is kept.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    /// <summary>The most clients kept (each under its certificate and its id); beyond it they are all forgotten.</summary>
    public const int Capacity = 1_000;

    private readonly IClientStore _inner;
    private readonly IDisposable _subscription;
    private readonly ConcurrentDictionary<(string Thumbprint, string? CommonName), Entry> _byCertificate = new();
    private readonly ConcurrentDictionary<string, Entry> _byId = new(StringComparer.Ordinal);
    private long _version;

    public CachedClientStore(IClientStore inner, ICoordinationBus bus)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(bus);
        _inner = inner;
        _subscription = bus.Subscribe(CoordinationTopics.Revocations, message =>
        {
            // A client removed revokes all it holds, told as every token; a token's own revocation changes no client.
            if (message == CoordinationTopics.EveryToken)
            {
                Forget();
            }
        });
    }

    /// <summary>How many lookups are remembered now (by certificate and by id).</summary>
    public int Count => _byCertificate.Count + _byId.Count;

    /// <inheritdoc />
    public ValueTask<DspClient?> FindClientAsync(string clientId, CancellationToken cancellationToken) =>
        FindAsync(_byId, clientId, static (inner, id, ct) => inner.FindClientAsync(id, ct), cancellationToken);

    /// <inheritdoc />
    public ValueTask<DspClient?> FindClientByCertificateAsync(string thumbprint, string? commonName, CancellationToken cancellationToken) =>
        FindAsync(_byCertificate, (thumbprint, commonName), static (inner, key, ct) => inner.FindClientByCertificateAsync(key.Item1, key.Item2, ct), cancellationToken);

    /// <inheritdoc />
    public ValueTask<DspClient?> FindRegisteredClientAsync(string clientId, CancellationToken cancellationToken) =>
        _inner.FindRegisteredClientAsync(clientId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DspClient>> ListClientsAsync(CancellationToken cancellationToken) => _inner.ListClientsAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<bool> AddClientAsync(DspClient client, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.AddClientAsync(client, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Forget();
        }
    }

    /// <inheritdoc />
    public async Task<bool> UpdateClientAsync(DspClient client, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.UpdateClientAsync(client, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Forget();
        }
    }

    /// <inheritdoc />
    public async Task<bool> SetClientDisabledAsync(string clientId, bool disabled, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.SetClientDisabledAsync(clientId, disabled, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Forget();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _subscription.Dispose();

    private async ValueTask<DspClient?> FindAsync<TKey>(
        ConcurrentDictionary<TKey, Entry> entries, TKey key, Func<IClientStore, TKey, CancellationToken, ValueTask<DspClient?>> read, CancellationToken cancellationToken)
        where TKey : notnull
    {
        if (entries.TryGetValue(key, out var cached) && cached.ExpiresAt > Environment.TickCount64)
        {
            return cached.Client;
        }

        // A change that lands while the store is read changes the version, and the client read is not kept.
        var version = Interlocked.Read(ref _version);
        var client = await read(_inner, key, cancellationToken).ConfigureAwait(false);
        if (client is not null && Interlocked.Read(ref _version) == version)
        {
            if (Count >= Capacity)
            {
                // Nothing changed: room is made, and the lookups under way may still keep what they read.
                _byCertificate.Clear();
                _byId.Clear();
            }

            var entry = new Entry(client, Environment.TickCount64 + (long)Lifetime.TotalMilliseconds);
            entries[key] = entry;
            if (Interlocked.Read(ref _version) != version)
            {
                entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
            }
        }

        return client;
    }

    private void Forget()
    {
        Interlocked.Increment(ref _version);
        _byCertificate.Clear();
        _byId.Clear();
    }

    private sealed record Entry(DspClient Client, long ExpiresAt);
}
