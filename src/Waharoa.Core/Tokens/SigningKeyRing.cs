using Waharoa.Storage;

namespace Waharoa.Tokens;

/// <summary>
/// The signing keys in use: the newest unretired key signs; every key not yet retired verifies. Read from the
/// store at start and again on <see cref="RefreshAsync"/> (after a rotation here or on another instance).
/// </summary>
public sealed class SigningKeyRing
{
    private readonly ISigningKeyStore _store;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile KeySet _keys;

    private SigningKeyRing(ISigningKeyStore store, TimeProvider time, KeySet keys)
    {
        _store = store;
        _time = time;
        _keys = keys;
    }

    /// <summary>The key that signs new tokens.</summary>
    public SigningKey Current => _keys.Current;

    /// <summary>Raised after <see cref="RotateAsync(TimeSpan, CancellationToken)"/> rotated through this ring, with the new key.</summary>
    public event Action<SigningKey>? Rotated;

    /// <summary>The keys that verify now, oldest first: what the JWKS publishes.</summary>
    public IReadOnlyList<SigningKey> Verifying() => [.. _keys.All.Where(k => k.VerifiesAt(_time.GetUtcNow()))];

    /// <summary>
    /// The key a token header names, when it still verifies now: by <paramref name="keyId"/> (<c>kid</c>), else by
    /// <paramref name="x5t"/> (a header whose <c>kid</c> is a constant, as xIAMS's <c>orakey</c>, names the key only by
    /// <c>x5t</c>); null otherwise.
    /// </summary>
    public SigningKey? FindVerifying(string? keyId, string? x5t = null)
    {
        var now = _time.GetUtcNow();
        var all = _keys.All;
        return (keyId is null ? null : all.FirstOrDefault(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal) && k.VerifiesAt(now)))
            ?? (x5t is null ? null : all.FirstOrDefault(k => string.Equals(k.X5t, x5t, StringComparison.Ordinal) && k.VerifiesAt(now)));
    }

    /// <summary>
    /// Loads the ring from <paramref name="store"/>; on first start, stores the key a data folder of an earlier
    /// release kept in <paramref name="legacyDirectory"/>, or a new one.
    /// </summary>
    public static async Task<SigningKeyRing> LoadAsync(ISigningKeyStore store, string? legacyDirectory, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        var stored = await store.ListSigningKeysAsync(cancellationToken).ConfigureAwait(false);
        if (stored.Count == 0)
        {
            var first = (legacyDirectory is null ? null : SigningKey.ReadFolderKey(legacyDirectory, time.GetUtcNow())) ?? SigningKey.Generate(time);
            await store.AddFirstSigningKeyAsync(first, cancellationToken).ConfigureAwait(false);
            stored = await store.ListSigningKeysAsync(cancellationToken).ConfigureAwait(false);
        }

        return new SigningKeyRing(store, time, KeySet.From(stored, null));
    }

    /// <summary>Rotates in the store: a new key signs from now on; the others verify until <paramref name="retireOthersAfter"/> from now.</summary>
    public static async Task<StoredSigningKey> RotateAsync(ISigningKeyStore store, TimeSpan retireOthersAfter, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(retireOthersAfter, TimeSpan.Zero);
        var key = SigningKey.Generate(time);
        await store.RotateSigningKeyAsync(key, time.GetUtcNow() + retireOthersAfter, cancellationToken).ConfigureAwait(false);
        await store.RemoveRetiredSigningKeysAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <summary>Rotates (see the static <see cref="RotateAsync(ISigningKeyStore, TimeSpan, TimeProvider, CancellationToken)"/>) and takes the new key at once.</summary>
    public async Task<SigningKey> RotateAsync(TimeSpan retireOthersAfter, CancellationToken cancellationToken)
    {
        await RotateAsync(_store, retireOthersAfter, _time, cancellationToken).ConfigureAwait(false);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        Rotated?.Invoke(Current);
        return Current;
    }

    /// <summary>Re-reads the keys from the store; keys it still holds are reused, not reloaded.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = await _store.ListSigningKeysAsync(cancellationToken).ConfigureAwait(false);
            if (stored.Count == 0)
            {
                return;
            }

            var before = _keys;
            var after = KeySet.From(stored, before);
            if (after.SameAs(before))
            {
                return;
            }

            _keys = after;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>The key that signs among <paramref name="keys"/> (oldest first): the newest not retired, else the newest.</summary>
    public static StoredSigningKey? Signing(IReadOnlyList<StoredSigningKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys.LastOrDefault(k => k.RetiresAt is null) ?? keys.LastOrDefault();
    }

    private sealed record KeySet(SigningKey Current, IReadOnlyList<SigningKey> All)
    {
        public static KeySet From(IReadOnlyList<StoredSigningKey> stored, KeySet? previous)
        {
            // A key's retirement can change (a rotation sets it), so a held key is reused only when that is unchanged.
            var all = stored.Select(s => previous?.All.FirstOrDefault(k => k.KeyId == s.KeyId && k.RetiresAt == s.RetiresAt) ?? SigningKey.FromStored(s)).ToList();
            var signing = Signing(stored)!;
            var current = all.Single(k => k.KeyId == signing.KeyId);
            return new KeySet(current, all);
        }

        public bool SameAs(KeySet other) =>
            ReferenceEquals(Current, other.Current) && All.Count == other.All.Count && All.Zip(other.All).All(p => ReferenceEquals(p.First, p.Second));
    }
}
