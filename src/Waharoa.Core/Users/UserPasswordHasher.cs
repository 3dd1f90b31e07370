using Microsoft.AspNetCore.Identity;

namespace Waharoa.Users;

/// <summary>Hashes and checks myIR passwords with ASP.NET Core Identity's PBKDF2 hasher.</summary>
public static class UserPasswordHasher
{
    private static readonly PasswordHasher<string> Hasher = new();

    /// <summary>Hashes <paramref name="password"/> for storage.</summary>
    public static string Hash(string password) => Hasher.HashPassword(string.Empty, password);

    /// <summary>True when <paramref name="password"/> matches <paramref name="hash"/>.</summary>
    public static bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword(string.Empty, hash, password) != PasswordVerificationResult.Failed;
}
