using Waharoa.Grants;
using Waharoa.Storage;

namespace Waharoa.Tests.OAuth;

/// <summary>
/// A grant store whose renewals wait for <paramref name="revoke"/> first: a revocation landing between a refresh's read
/// of its token and its renewal. It remembers the tokens each renewal was asked to store.
/// </summary>
internal sealed class RevokedBeforeRenewal(IGrantStore inner, Func<Task> revoke) : IGrantStore
{
    public List<IssuedToken> Asked { get; } = [];

    public async Task<bool> RenewAsync(string presentedJti, DateTimeOffset now, IReadOnlyList<IssuedToken> tokens, bool spend, CancellationToken cancellationToken)
    {
        Asked.AddRange(tokens);
        await revoke();
        return await inner.RenewAsync(presentedJti, now, tokens, spend, cancellationToken);
    }
}
