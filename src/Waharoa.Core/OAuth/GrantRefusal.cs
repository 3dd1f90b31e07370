namespace Waharoa.OAuth;

/// <summary>Why the OAuth core refused to issue or revoke, in neutral terms; each dialect maps it to its own IR error.</summary>
public enum GrantRefusal
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary>No such authorisation code.</summary>
    UnknownCode,

    /// <summary>The code was used before: the grant its first use made has been revoked.</summary>
    CodeReplayed,

    /// <summary>The code has expired.</summary>
    CodeExpired,

    /// <summary>The code was issued to another client.</summary>
    CodeOfAnotherClient,

    /// <summary>The redirect URI is not the one the code was issued for.</summary>
    RedirectUriMismatch,

    /// <summary>The PKCE code verifier is missing or does not match the code's challenge.</summary>
    VerifierMismatch,

    /// <summary>The token is not one of ours, not of the kind or dialect asked for, or another client's.</summary>
    UnknownToken,

    /// <summary>The token is expired, revoked, spent, or its grant revoked.</summary>
    TokenNotActive,

    /// <summary>The user has withdrawn their consent to the client.</summary>
    ConsentWithdrawn,

    /// <summary>The dialect gives this client no refresh tokens on this endpoint, so takes none there either.</summary>
    RefreshNotOffered,
}
