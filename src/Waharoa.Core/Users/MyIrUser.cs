namespace Waharoa.Users;

/// <summary>A myIR user who logs on and consents.</summary>
/// <param name="Logon">The myIR logon (user ID) typed on the logon page.</param>
/// <param name="PasswordHash">The password hash from <see cref="UserPasswordHasher"/>.</param>
/// <param name="CreatedAt">When the user was added.</param>
public sealed record MyIrUser(string Logon, string PasswordHash, DateTimeOffset CreatedAt);
