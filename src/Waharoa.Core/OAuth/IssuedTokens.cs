using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Waharoa.Grants;
using Waharoa.Storage;
using Waharoa.Tokens;

namespace Waharoa.OAuth;

/// <summary>
/// Recognises a presented token of any registered dialect (through its <see cref="ITokenFormat"/>) and finds its
/// record, so that every dialect and the gateway share one record of issue and revocation: a token revoked through
/// one dialect is refused by all.
/// </summary>
/// <remarks>
/// An access token that is a JWT, seen before, is not read and verified again while the key that verified it still
/// verifies (the recognition is remembered, never the token's state): its record is read on every call, so revocation
/// and expiry hold as before. Refresh tokens, used once each, are not remembered.
/// </remarks>
public sealed class IssuedTokens(IEnumerable<ITokenFormat> formats, JwtSigner signer, ITokenStore store, IConsentStore consents, TimeProvider time)
{
    /// <summary>The longest value read as a token.</summary>
    public const int MaxTokenLength = JwtSigner.MaxTokenLength;

    /// <summary>How many recognised access tokens are remembered; when full, all are forgotten.</summary>
    public const int RecognitionCapacity = 512;

    private readonly ITokenFormat[] _formats = [.. formats];
    private readonly ConcurrentDictionary<string, Recognition> _recognised = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, Recognition>.AlternateLookup<ReadOnlySpan<char>> RecognisedBySpan => _recognised.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The token's record, whatever its state (see <see cref="TokenStatus.IsActive"/>); null when the value is not a
    /// token Waharoa issued: no format recognises it, a JWT's signature is not by a signing key, or no record matches.
    /// </summary>
    public async Task<FoundToken?> FindAsync(string? value, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxTokenLength)
        {
            return null;
        }

        return TryRecognised(value, out var known)
            ? await FindRecordAsync(known.Format, known.Token, known.Jwt, cancellationToken).ConfigureAwait(false)
            : await FindUnrecognisedAsync(value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A token verified and remembered before, whose signing key still verifies.</summary>
    private bool TryRecognised(ReadOnlySpan<char> value, out Recognition known) =>
        RecognisedBySpan.TryGetValue(value, out known!) && signer.StillVerifies(known.Key);

    private async Task<FoundToken?> FindUnrecognisedAsync(string value, CancellationToken cancellationToken)
    {
        var jwt = JwtSigner.Read(value);
        foreach (var format in _formats)
        {
            if (format.Recognise(value, jwt) is not { } recognised)
            {
                continue;
            }

            if (jwt is not null && !await signer.VerifyAsync(jwt).ConfigureAwait(false))
            {
                return null;
            }

            var found = await FindRecordAsync(format, recognised, jwt, cancellationToken).ConfigureAwait(false);
            if (found is { Kind: TokenKind.Access } && jwt is not null && signer.VerifyingKeyOf(jwt) is { } key)
            {
                Remember(value, new Recognition(format, recognised, jwt, key));
            }

            return found;
        }

        return null;
    }

    private async Task<FoundToken?> FindRecordAsync(ITokenFormat format, RecognisedToken recognised, JsonWebToken? jwt, CancellationToken cancellationToken)
    {
        var status = await store.FindTokenAsync(recognised.Key, cancellationToken).ConfigureAwait(false);
        return status is not null && status.Token.Kind == recognised.Kind ? new FoundToken(status, format.Dialect, jwt) : null;
    }

    /// <summary>Remembers a verified JWT access token that has a record (so only tokens Waharoa issued, never a caller's guesses).</summary>
    private void Remember(string value, Recognition recognition)
    {
        if (_recognised.Count >= RecognitionCapacity)
        {
            _recognised.Clear();
        }

        _recognised[value] = recognition;
    }

    /// <summary>
    /// The token when it is active now, of <paramref name="kind"/> (any when null) and issued to
    /// <paramref name="clientId"/> (any client when null); null otherwise.
    /// </summary>
    public async Task<FoundToken?> FindActiveAsync(string? value, TokenKind? kind, string? clientId, CancellationToken cancellationToken) =>
        Active(await FindAsync(value, cancellationToken).ConfigureAwait(false), kind, clientId);

    /// <summary>
    /// As <see cref="FindActiveAsync(string?, TokenKind?, string?, CancellationToken)"/>, for a token that is part of a
    /// longer text (a header's value): one recognised before is found without a copy of it being made.
    /// </summary>
    public async Task<FoundToken?> FindActiveAsync(ReadOnlyMemory<char> value, TokenKind? kind, string? clientId, CancellationToken cancellationToken)
    {
        var found = value.IsEmpty || value.Length > MaxTokenLength ? null
            : TryRecognised(value.Span, out var known) ? await FindRecordAsync(known.Format, known.Token, known.Jwt, cancellationToken).ConfigureAwait(false)
            : await FindUnrecognisedAsync(value.ToString(), cancellationToken).ConfigureAwait(false);
        return Active(found, kind, clientId);
    }

    private FoundToken? Active(FoundToken? found, TokenKind? kind, string? clientId) =>
        found is not null && found.Status.IsActive(time.GetUtcNow())
            && (kind is null || found.Kind == kind)
            && (clientId is null || string.Equals(found.ClientId, clientId, StringComparison.Ordinal))
            ? found
            : null;

    /// <summary>
    /// Checks a token <paramref name="clientId"/> presents: the token when it is active, of <paramref name="kind"/> (any
    /// when null), its client's, and the consent behind it holds under <paramref name="policy"/>; otherwise why not.
    /// A token whose user no longer consents to the client (withdrawn, or lapsed) is <see cref="GrantRefusal.ConsentWithdrawn"/>
    /// whether or not the withdrawal has revoked it yet.
    /// </summary>
    public async Task<TokenCheck> CheckAsync(string? value, TokenKind? kind, string clientId, DialectPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var found = await FindAsync(value, cancellationToken).ConfigureAwait(false);
        if (found is null || (kind is not null && found.Kind != kind) || !string.Equals(found.ClientId, clientId, StringComparison.Ordinal))
        {
            return new TokenCheck(null, GrantRefusal.UnknownToken);
        }

        // An expired token, or one revoked on its own, is simply not active; one that would be active but for its grant
        // is refused for the consent when the consent is what is gone.
        var now = time.GetUtcNow();
        var status = found.Status;
        if (status.Token.ExpiresAt <= now || status.TokenRevokedAt is not null)
        {
            return new TokenCheck(null, GrantRefusal.TokenNotActive);
        }

        var grant = status.Grant;
        return !policy.ConsentHolds(await consents.FindConsentAsync(grant.Logon, grant.ClientId, cancellationToken).ConfigureAwait(false), now)
            ? new TokenCheck(null, GrantRefusal.ConsentWithdrawn)
            : !status.IsActive(now) ? new TokenCheck(null, GrantRefusal.TokenNotActive)
            : new TokenCheck(found, GrantRefusal.None);
    }

    private sealed record Recognition(ITokenFormat Format, RecognisedToken Token, JsonWebToken Jwt, SigningKey Key);
}
