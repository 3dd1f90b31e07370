using Waharoa.Sandbox;

namespace Waharoa.Storage;

/// <summary>The client lists of agencies and their links to clients.</summary>
public interface IClientListStore
{
    /// <summary>The client list <paramref name="listId"/>, or null.</summary>
    ValueTask<ClientList?> FindClientListAsync(string listId, CancellationToken cancellationToken);

    /// <summary>The client lists of the agency <paramref name="agencyIrd"/>, by list ID.</summary>
    Task<IReadOnlyList<ClientList>> ListClientListsAsync(string agencyIrd, CancellationToken cancellationToken);

    /// <summary>Adds or replaces a client list.</summary>
    Task PutClientListAsync(ClientList list, CancellationToken cancellationToken);

    /// <summary>Every client list of every agency, ordered by list ID.</summary>
    Task<IReadOnlyList<ClientList>> ListAllClientListsAsync(CancellationToken cancellationToken);

    /// <summary>The links of the client list <paramref name="listId"/>, in the order they were made.</summary>
    Task<IReadOnlyList<ClientLink>> ListLinksAsync(string listId, CancellationToken cancellationToken);

    /// <summary>Every link to the client <paramref name="clientIrd"/>, from any list, in the order they were made.</summary>
    Task<IReadOnlyList<ClientLink>> ListLinksToClientAsync(string clientIrd, CancellationToken cancellationToken);

    /// <summary>Adds a link; false when that list already links that client's account (or customer master).</summary>
    Task<bool> AddLinkAsync(ClientLink link, CancellationToken cancellationToken);

    /// <summary>Removes the link of <paramref name="listId"/> to <paramref name="clientIrd"/>'s <paramref name="accountType"/> (null: customer master); false when there was none.</summary>
    Task<bool> RemoveLinkAsync(string listId, string clientIrd, string? accountType, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically replaces the link <paramref name="current"/> (matched by list, client and account type) with
    /// <paramref name="replacement"/>; false, changing nothing, when <paramref name="current"/> no longer exists or the
    /// replacement's place is taken.
    /// </summary>
    Task<bool> ReplaceLinkAsync(ClientLink current, ClientLink replacement, CancellationToken cancellationToken);
}
