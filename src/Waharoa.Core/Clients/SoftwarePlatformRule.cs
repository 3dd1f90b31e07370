namespace Waharoa.Clients;

/// <summary>
/// What a software platform value must be to be registered for a client: one a request's header can carry, by IR's
/// Common schemas' <c>SoftwarePlatformType</c> (a normalizedString of 1 to 50 characters).
/// </summary>
public static class SoftwarePlatformRule
{
    /// <summary>Null when <paramref name="platform"/> can be registered; otherwise what is wrong with it, to show the operator.</summary>
    public static string? Problem(string? platform) =>
        platform is { Length: >= 1 and <= 50 } && platform.IndexOfAny(['\r', '\n', '\t']) < 0
            ? null
            : $"'{platform}' is not a software platform value a request can carry (1 to 50 characters, no tab or line break)";
}
