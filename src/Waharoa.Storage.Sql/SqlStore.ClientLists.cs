using System.Data.Common;
using Waharoa.Sandbox;

namespace Waharoa.Storage.Sql;

public abstract partial class SqlStore
{
    private const string ClientListColumns = "list_id, id_type, list_type, agency_ird, refund_account";
    private const string LinkColumns = "list_id, client_ird, account_type, redirect_mail, redirect_disbursements, status";

    // A customer master link (no account type) is kept with an empty one, so that the unique key covers it.
    private const string InsertLink = $"INSERT INTO client_links ({LinkColumns}) VALUES (@list, @client, @type, @mail, @disbursements, @status) ON CONFLICT DO NOTHING";
    private const string DeleteLink = "DELETE FROM client_links WHERE list_id = @list AND client_ird = @client AND account_type = @type";

    /// <inheritdoc />
    public ValueTask<ClientList?> FindClientListAsync(string listId, CancellationToken cancellationToken) =>
        new(SingleAsync($"SELECT {ClientListColumns} FROM client_lists WHERE list_id = @id", ReadClientList, cancellationToken, ("@id", listId)));

    /// <inheritdoc />
    public Task<IReadOnlyList<ClientList>> ListClientListsAsync(string agencyIrd, CancellationToken cancellationToken) =>
        ListAsync($"SELECT {ClientListColumns} FROM client_lists WHERE agency_ird = @ird ORDER BY list_id", ReadClientList, cancellationToken, ("@ird", agencyIrd));

    /// <inheritdoc />
    public Task PutClientListAsync(ClientList list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        return ExecuteAsync(
            $"""
            INSERT INTO client_lists ({ClientListColumns}) VALUES (@id, @idType, @type, @ird, @refund)
            ON CONFLICT (list_id) DO UPDATE SET id_type = excluded.id_type, list_type = excluded.list_type,
                agency_ird = excluded.agency_ird, refund_account = excluded.refund_account
            """,
            cancellationToken,
            ("@id", list.ListId),
            ("@idType", list.IdType),
            ("@type", list.Type.ToString()),
            ("@ird", list.AgencyIrd),
            ("@refund", list.HasRefundAccount));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ClientList>> ListAllClientListsAsync(CancellationToken cancellationToken) =>
        ListAsync($"SELECT {ClientListColumns} FROM client_lists ORDER BY list_id", ReadClientList, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ClientLink>> ListLinksAsync(string listId, CancellationToken cancellationToken) =>
        ListAsync($"SELECT {LinkColumns} FROM client_links WHERE list_id = @list ORDER BY seq", ReadLink, cancellationToken, ("@list", listId));

    /// <inheritdoc />
    public Task<IReadOnlyList<ClientLink>> ListLinksToClientAsync(string clientIrd, CancellationToken cancellationToken) =>
        ListAsync($"SELECT {LinkColumns} FROM client_links WHERE client_ird = @client ORDER BY seq", ReadLink, cancellationToken, ("@client", clientIrd));

    /// <inheritdoc />
    public Task<bool> AddLinkAsync(ClientLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        return ChangesOneAsync(InsertLink, cancellationToken, LinkParameters(link));
    }

    /// <inheritdoc />
    public Task<bool> RemoveLinkAsync(string listId, string clientIrd, string? accountType, CancellationToken cancellationToken) =>
        ChangesOneAsync(DeleteLink, cancellationToken, LinkKey(listId, clientIrd, accountType));

    /// <inheritdoc />
    public Task<bool> ReplaceLinkAsync(ClientLink current, ClientLink replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(replacement);
        return WriteAsync(
            async (s, ct) =>
            {
                if (await s.ExecuteAsync(DeleteLink, ct, LinkKey(current.ListId, current.ClientIrd, current.AccountType)).ConfigureAwait(false) == 1
                    && await s.ExecuteAsync(InsertLink, ct, LinkParameters(replacement)).ConfigureAwait(false) == 1)
                {
                    return true;
                }

                // The current link is gone, or the replacement's place is taken: the removal must not stand alone.
                s.Abandon();
                return false;
            },
            cancellationToken);
    }

    private static (string, object?)[] LinkKey(string listId, string clientIrd, string? accountType) =>
        [("@list", listId), ("@client", clientIrd), ("@type", accountType ?? string.Empty)];

    private static (string, object?)[] LinkParameters(ClientLink link) =>
    [
        .. LinkKey(link.ListId, link.ClientIrd, link.AccountType),
        ("@mail", link.RedirectMail),
        ("@disbursements", link.RedirectDisbursements),
        ("@status", link.Status.ToString()),
    ];

    private static ClientList ReadClientList(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), Enum.Parse<ClientListType>(reader.GetString(2)), reader.GetString(3), reader.GetBoolean(4));

    private static ClientLink ReadLink(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2) is { Length: > 0 } accountType ? accountType : null,
        reader.GetBoolean(3),
        reader.GetBoolean(4),
        Enum.Parse<LinkStatus>(reader.GetString(5)));
}
