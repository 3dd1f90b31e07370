namespace Waharoa.OAuth;

/// <summary>Which clients must send a PKCE <c>code_challenge</c> with their authorisation request.</summary>
public enum PkceRequirement
{
    /// <summary>PKCE is optional, as IR documents it; a code issued without a challenge takes no verifier.</summary>
    Optional,

    /// <summary>Native (desktop) clients must use PKCE; cloud clients may.</summary>
    NativeClients,

    /// <summary>Every client must use PKCE.</summary>
    AllClients,
}
