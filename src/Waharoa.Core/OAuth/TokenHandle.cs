namespace Waharoa.OAuth;

/// <summary>A new token's name: the key it is stored under and, when it is opaque, the value the client receives.</summary>
/// <param name="Key">The store key (a JWT's <c>jti</c>, or the hash of an opaque value).</param>
/// <param name="Value">The opaque wire value; null for a JWT, whose value is signed from its record.</param>
public sealed record TokenHandle(string Key, string? Value);
