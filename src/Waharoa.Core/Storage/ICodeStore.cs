using Waharoa.Grants;

namespace Waharoa.Storage;

/// <summary>Authorisation codes: issued, looked up, and used at most once.</summary>
public interface ICodeStore
{
    /// <summary>Stores a newly issued code.</summary>
    Task AddCodeAsync(AuthorizationCode code, CancellationToken cancellationToken);

    /// <summary>The code with <paramref name="codeId"/>, used or not; null when there is none.</summary>
    Task<StoredCode?> FindCodeAsync(string codeId, CancellationToken cancellationToken);

    /// <summary>
    /// Uses the code at most once, atomically: when it is unused it is marked used at <paramref name="now"/> and
    /// <paramref name="grant"/> and <paramref name="tokens"/> are stored with it (<see cref="CodeUseOutcome.Redeemed"/>);
    /// when it was used before nothing is stored (<see cref="CodeUseOutcome.Replayed"/>, naming the grant of its first
    /// use); <see cref="CodeUseOutcome.Unknown"/> when there is no such code. Expiry and binding are the caller's to check.
    /// </summary>
    Task<CodeUse> UseCodeAsync(string codeId, DateTimeOffset now, Grant grant, IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken);
}
