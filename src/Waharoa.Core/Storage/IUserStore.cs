using Waharoa.Users;

namespace Waharoa.Storage;

/// <summary>myIR users.</summary>
public interface IUserStore
{
    /// <summary>The user with <paramref name="logon"/> (case-insensitive), or null.</summary>
    Task<MyIrUser?> FindUserAsync(string logon, CancellationToken cancellationToken);

    /// <summary>Every user, ordered by logon.</summary>
    Task<IReadOnlyList<MyIrUser>> ListUsersAsync(CancellationToken cancellationToken);

    /// <summary>The user's stable subject identifier (a GUID), made on first use; null when there is no such user.</summary>
    Task<string?> GetSubjectAsync(string logon, CancellationToken cancellationToken);

    /// <summary>Adds a user; false when the logon is taken.</summary>
    Task<bool> AddUserAsync(MyIrUser user, CancellationToken cancellationToken);

    /// <summary>Replaces the password hash of the user with <paramref name="logon"/> (case-insensitive); false when there is no such user.</summary>
    Task<bool> SetUserPasswordAsync(string logon, string passwordHash, CancellationToken cancellationToken);

    /// <summary>Removes the user with <paramref name="logon"/> (case-insensitive); false when there is no such user.</summary>
    /// <remarks>What the logon owns, was given and works for stays: those are the customers' records (see <see cref="IDelegationStore"/>).</remarks>
    Task<bool> RemoveUserAsync(string logon, CancellationToken cancellationToken);
}
