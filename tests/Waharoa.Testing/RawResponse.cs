namespace Waharoa.Testing;

/// <summary>A response read off a <see cref="RawHttpsConnection"/>.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body);
