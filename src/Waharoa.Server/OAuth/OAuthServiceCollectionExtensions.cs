using Waharoa.OAuth;
using Waharoa.Tokens;

namespace Waharoa.Server.OAuth;

/// <summary>Registers the OAuth core that every dialect is an adapter over, and what the adapters share on the wire.</summary>
internal static class OAuthServiceCollectionExtensions
{
    /// <summary>
    /// The core (codes, refreshes, revocations, the record of issued tokens of every registered <see cref="ITokenFormat"/>),
    /// token signing, and client authentication. Needs the store's parts and a <see cref="SigningKeyRing"/> registered.
    /// </summary>
    public static IServiceCollection AddOAuthCore(this IServiceCollection services, OAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<JwtSigner>();
        services.AddSingleton<IssuedTokens>();
        services.AddSingleton<TokenMint>();
        services.AddSingleton<Revocations>();
        services.AddSingleton<CodeExchange>();
        services.AddSingleton<RefreshExchange>();
        services.AddSingleton<ClientAuthenticationLockout>();
        services.AddSingleton<ClientAuthenticator>();
        return services;
    }
}
