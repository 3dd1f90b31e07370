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
}
