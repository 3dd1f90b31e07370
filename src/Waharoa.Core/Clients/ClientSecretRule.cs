namespace Waharoa.Clients;

/// <summary>
/// What a client secret an operator chooses must be: long enough not to be guessed (the secrets Waharoa makes are 32
/// random characters; the demo clients, whose secrets are published anyway, are made without it).
/// </summary>
public static class ClientSecretRule
{
    /// <summary>The fewest characters a chosen secret may have.</summary>
    public const int MinimumLength = 16;

    /// <summary>The fewest different characters a chosen secret may have (so <c>aaaaaaaaaaaaaaaa</c> is no secret).</summary>
    public const int MinimumDistinctCharacters = 6;

    /// <summary>Null when <paramref name="secret"/> may be registered; otherwise what is wrong with it.</summary>
    public static string? Problem(string? secret) =>
        string.IsNullOrEmpty(secret) || secret.Length < MinimumLength || secret.Distinct().Count() < MinimumDistinctCharacters
            ? $"a client secret needs at least {MinimumLength} characters, {MinimumDistinctCharacters} of them different (leave it out to have a random one made)"
            : null;
}
