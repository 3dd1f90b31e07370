using System.Globalization;
using Microsoft.IdentityModel.Tokens;
using Waharoa.Storage;
using Waharoa.Tokens;

namespace Waharoa.Server.Administration;

/// <summary>
/// The token-signing keys every instance on the store shares: which signs, until when the others verify; rotating (a new
/// key signs, the others verify for a while) and retiring one key (it stops verifying now). With <paramref name="ring"/>
/// (a running server's) a change is taken up here at once and <paramref name="announce"/>d to the other instances;
/// without, they take it up from the store within 10 seconds.
/// </summary>
public sealed class KeyAdministration(ISigningKeyStore store, TimeProvider time, SigningKeyRing? ring = null, Func<string, Task>? announce = null)
{
    /// <summary>The algorithm every key signs with (RSA, SHA-512), as the JWKS says.</summary>
    public const string Algorithm = SecurityAlgorithms.RsaSha512;

    /// <summary>The shortest time the keys in use keep verifying after a rotation: instances may sign with them for 10 seconds more.</summary>
    public static readonly TimeSpan ShortestRetirement = TimeSpan.FromMinutes(1);

    /// <summary>The default: IR's longest token lifetime (an xIAMS refresh token, six months), so no issued token outlives its key.</summary>
    public const string DefaultRetireAfter = "183d";

    /// <summary>Every key kept, oldest first, with its state now.</summary>
    public async Task<IReadOnlyList<KeyView>> ListAsync(CancellationToken cancellationToken)
    {
        var keys = await store.ListSigningKeysAsync(cancellationToken).ConfigureAwait(false);
        var signing = SigningKeyRing.Signing(keys);
        var now = time.GetUtcNow();
        return [.. keys.Select(k => new KeyView(
            k.KeyId,
            Algorithm,
            ReferenceEquals(k, signing) ? KeyView.Signing : k.RetiresAt is { } at && at <= now ? KeyView.Retired : KeyView.Verifying,
            k.CreatedAt,
            k.RetiresAt))];
    }

    /// <summary>A new key signs from now on; the keys in use verify until <paramref name="retireOthersAfter"/> from now.</summary>
    public async Task<KeyRotation> RotateAsync(TimeSpan retireOthersAfter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retireOthersAfter, ShortestRetirement);
        var keyId = ring is null
            ? (await SigningKeyRing.RotateAsync(store, retireOthersAfter, time, cancellationToken).ConfigureAwait(false)).KeyId
            : (await ring.RotateAsync(retireOthersAfter, cancellationToken).ConfigureAwait(false)).KeyId; // the ring announces it
        return new KeyRotation(keyId, time.GetUtcNow() + retireOthersAfter);
    }

    /// <summary>Key <paramref name="keyId"/> stops verifying now (tokens it signed are refused); the key that signs cannot be retired.</summary>
    public async Task<KeyRetirement> RetireAsync(string keyId, CancellationToken cancellationToken)
    {
        var keys = await store.ListSigningKeysAsync(cancellationToken).ConfigureAwait(false);
        var key = keys.FirstOrDefault(k => string.Equals(k.KeyId, keyId, StringComparison.OrdinalIgnoreCase));
        if (key is null)
        {
            return KeyRetirement.Unknown;
        }

        if (ReferenceEquals(key, SigningKeyRing.Signing(keys)))
        {
            return KeyRetirement.Signing;
        }

        if (!await store.RetireSigningKeyAsync(key.KeyId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return KeyRetirement.AlreadyRetired;
        }

        if (ring is not null)
        {
            await ring.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        if (announce is not null)
        {
            await announce(key.KeyId).ConfigureAwait(false);
        }

        return KeyRetirement.Retired;
    }

    /// <summary>
    /// Reads how long the keys in use keep verifying after a rotation: <c>183d</c>, <c>8h</c>, <c>30m</c>, <c>45s</c>, at
    /// least <see cref="ShortestRetirement"/>; else <paramref name="error"/> says why, naming the value <paramref name="name"/>.
    /// </summary>
    public static bool TryParseRetireAfter(string? text, string name, out TimeSpan duration, out string? error)
    {
        error = null;
        if (!TryParseDuration(text ?? DefaultRetireAfter, out duration))
        {
            error = $"{name} must be a number followed by d, h, m or s (e.g. 183d), not '{text}'.";
            return false;
        }

        if (duration < ShortestRetirement)
        {
            error = $"{name} must be at least 1m: running instances may sign with the old key for up to 10 seconds after a rotation.";
            return false;
        }

        return true;
    }

    /// <summary>The longest a retired key may go on verifying: ten years.</summary>
    public static readonly TimeSpan MaxRetireAfter = TimeSpan.FromDays(3653);

    /// <summary>Parses <c>183d</c>, <c>8h</c>, <c>30m</c>, <c>45s</c> (up to <see cref="MaxRetireAfter"/>).</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = default;
        if (text.Length < 2 || !double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || !double.IsFinite(amount) || amount < 0
            || amount > MaxRetireAfter.TotalSeconds)
        {
            return false;
        }

        TimeSpan? parsed = text[^1] switch
        {
            'd' => TimeSpan.FromDays(amount),
            'h' => TimeSpan.FromHours(amount),
            'm' => TimeSpan.FromMinutes(amount),
            's' => TimeSpan.FromSeconds(amount),
            _ => null,
        };
        duration = parsed ?? default;
        return parsed is not null && duration <= MaxRetireAfter;
    }
}

/// <summary>
/// A signing key: its <c>kid</c>, algorithm, state (<c>signing</c>; <c>verifying</c>, until <paramref name="RetiresAt"/> when
/// set; <c>retired</c>: no longer verifies), when it was made and when it retires.
/// </summary>
public sealed record KeyView(string Kid, string Algorithm, string State, DateTimeOffset CreatedAt, DateTimeOffset? RetiresAt)
{
    public const string Signing = "signing";
    public const string Verifying = "verifying";
    public const string Retired = "retired";
}

/// <summary>A rotation: the key that signs from now on, and until when the previous keys verify.</summary>
public sealed record KeyRotation(string Kid, DateTimeOffset PreviousVerifyUntil);

/// <summary>What retiring a key did.</summary>
public enum KeyRetirement
{
    /// <summary>It no longer verifies.</summary>
    Retired,

    /// <summary>No such key.</summary>
    Unknown,

    /// <summary>It is the key that signs: rotate first.</summary>
    Signing,

    /// <summary>It was retired already.</summary>
    AlreadyRetired,
}
