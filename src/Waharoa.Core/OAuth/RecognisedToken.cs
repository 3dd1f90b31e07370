using Waharoa.Grants;

namespace Waharoa.OAuth;

/// <summary>A presented value a format recognised as one of its tokens.</summary>
/// <param name="Kind">Access or refresh.</param>
/// <param name="Key">The key its record is stored under.</param>
public sealed record RecognisedToken(TokenKind Kind, string Key);
