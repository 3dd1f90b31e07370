namespace Waharoa.Grants;

/// <summary>The kinds of token a grant holds.</summary>
public enum TokenKind
{
    /// <summary>An access token presented to gateway services.</summary>
    Access,

    /// <summary>A refresh token exchanged for a new token set.</summary>
    Refresh,
}
