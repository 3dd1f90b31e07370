namespace Waharoa.OAuth;

/// <summary>An authorize request a user has logged on to and consented to, from which a code is issued.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="Logon">The myIR user who authorised it.</param>
/// <param name="RedirectUri">The redirect URI the code is bound to.</param>
/// <param name="Scope">The scope authorised.</param>
/// <param name="CodeChallenge">The PKCE (S256) challenge the code is bound to, when the client sent one.</param>
public sealed record CodeRequest(string ClientId, string Logon, string RedirectUri, string Scope, string? CodeChallenge);

/// <summary>A code presented at a token endpoint, with what binds it.</summary>
/// <param name="CodeId">The code's store key, as its dialect reads it from the wire value.</param>
/// <param name="RedirectUri">The redirect URI sent with it.</param>
/// <param name="CodeVerifier">The PKCE code verifier sent with it, or null.</param>
public sealed record PresentedCode(string CodeId, string RedirectUri, string? CodeVerifier);
