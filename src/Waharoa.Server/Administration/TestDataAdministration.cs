using Waharoa.Customers;
using Waharoa.Sandbox;
using Waharoa.Security;
using Waharoa.Server.Seeding;
using Waharoa.Storage;
using Waharoa.Users;

namespace Waharoa.Server.Administration;

/// <summary>
/// The test data the sandbox services run on, as the console's data page, the control API's <c>/control/data/…</c> and
/// the CLI's <c>seed</c> and <c>users</c> verbs see and change it: lists of each record kind, one record edited (in the shape
/// a seed file gives it, checked as a seed is), a seed loaded, the whole exported as a seed file.
/// </summary>
internal sealed class TestDataAdministration(IWaharoaStore store, TimeProvider time)
{
    /// <summary>Every logon: its myIR user (if it can sign in) and what it owns, was given and works for.</summary>
    public async Task<List<UserView>> ListUsersAsync(CancellationToken cancellationToken)
    {
        var created = (await store.ListUsersAsync(cancellationToken)).ToDictionary(u => u.Logon, u => u.CreatedAt, StringComparer.OrdinalIgnoreCase);
        return (await SeedWriter.From(store).ReadAsync(cancellationToken)).Users
            .Select(u => new UserView(
                u.Logon!,
                u.PasswordHash is not null,
                created.TryGetValue(u.Logon!, out var at) ? at : null,
                u.Owns,
                [.. u.Delegations.Select(d => new DelegationView(u.Logon!, d.Customer!, d.Access))],
                [.. u.Agencies.Select(a => new StaffView(u.Logon!, a.Agency!, a.Role, a.Access, a.Lists))]))
            .ToList();
    }

    /// <summary>Every customer with its accounts (how many returns, employees and events each has).</summary>
    public async Task<List<CustomerView>> ListCustomersAsync(CancellationToken cancellationToken) =>
        (await SeedWriter.From(store).ReadAsync(cancellationToken)).Customers.Select(CustomerView.Of).ToList();

    /// <summary>Who may act for which customer: owners (access <c>Owner</c>) and delegations, by logon.</summary>
    public async Task<List<DelegationView>> ListDelegationsAsync(CancellationToken cancellationToken) =>
        (await store.ListAllOwnershipsAsync(cancellationToken)).Select(o => new DelegationView(o.Logon, o.CustomerIrd, DelegationView.Owner))
            .Concat((await store.ListAllDelegationsAsync(cancellationToken)).Select(d => new DelegationView(d.Logon, d.CustomerIrd, d.Access.ToString())))
            .OrderBy(d => d.Logon, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.Customer, StringComparer.Ordinal)
            .ToList();

    /// <summary>Every agency: an intermediary customer, or an IRD number with staff or client lists.</summary>
    public async Task<List<AgencyView>> ListAgenciesAsync(CancellationToken cancellationToken)
    {
        var customers = (await store.ListCustomersAsync(cancellationToken)).ToDictionary(c => c.Ird);
        var staff = (await store.ListAllAgencyStaffAsync(cancellationToken)).ToLookup(s => s.AgencyIrd);
        var lists = (await store.ListAllClientListsAsync(cancellationToken)).ToLookup(l => l.AgencyIrd);
        return customers.Values.Where(c => c.Intermediary).Select(c => c.Ird).Concat(staff.Select(s => s.Key)).Concat(lists.Select(l => l.Key))
            .Distinct().Order(StringComparer.Ordinal)
            .Select(ird => new AgencyView(
                ird,
                customers.TryGetValue(ird, out var customer) ? customer.Name : null,
                customer?.Intermediary ?? false,
                [.. staff[ird].Select(StaffView.Of)],
                [.. lists[ird].Select(l => l.ListId)]))
            .ToList();
    }

    /// <summary>Every client list with its links, in the order they were made.</summary>
    public async Task<List<ClientListView>> ListClientListsAsync(CancellationToken cancellationToken)
    {
        var views = new List<ClientListView>();
        foreach (var list in await store.ListAllClientListsAsync(cancellationToken))
        {
            var links = await store.ListLinksAsync(list.ListId, cancellationToken);
            views.Add(new ClientListView(list.ListId, list.IdType, list.Type.ToString(), list.AgencyIrd, list.HasRefundAccount,
                [.. links.Select(l => new LinkView(l.ClientIrd, l.AccountType, l.RedirectMail, l.RedirectDisbursements, l.Status.ToString()))]));
        }

        return views;
    }

    /// <summary>Adds a myIR user; the password given, or a new random one (the answer shows it, once).</summary>
    public async Task<UserAdded> AddUserAsync(string? logon, string? password, CancellationToken cancellationToken)
    {
        var trimmed = logon?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > 100)
        {
            throw new TestDataException("invalid_logon", "The logon must be 1 to 100 characters.");
        }

        if (password is { Length: 0 })
        {
            throw new TestDataException("invalid_password", "The password must not be empty (leave it out for a new random one).");
        }

        var chosen = password ?? SecretHasher.NewSecret()[..16];
        var added = await store.AddUserAsync(new MyIrUser(trimmed, UserPasswordHasher.Hash(chosen), time.GetUtcNow()), cancellationToken);
        return new UserAdded(trimmed, added, chosen, Generated: password is null);
    }

    /// <summary>Replaces a user's password; false when there is no such user.</summary>
    public async Task<bool> SetPasswordAsync(string logon, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(password))
        {
            throw new TestDataException("invalid_password", "Give the new password.");
        }

        return await store.SetUserPasswordAsync(logon, UserPasswordHasher.Hash(password), cancellationToken);
    }

    /// <summary>Removes a logon: its myIR user and what it owns, was given and works for; false when it had none of these.</summary>
    public async Task<bool> RemoveUserAsync(string logon, CancellationToken cancellationToken)
    {
        var removed = await store.RemoveUserAsync(logon, cancellationToken);
        foreach (var owned in await store.ListOwnershipsAsync(logon, cancellationToken))
        {
            removed |= await store.RemoveOwnershipAsync(logon, owned.CustomerIrd, cancellationToken);
        }

        foreach (var delegation in await store.ListDelegationsAsync(logon, cancellationToken))
        {
            removed |= await store.RemoveDelegationAsync(logon, delegation.CustomerIrd, cancellationToken);
        }

        foreach (var staff in await store.ListAgencyMembershipsAsync(logon, cancellationToken))
        {
            removed |= await store.RemoveAgencyStaffAsync(logon, staff.AgencyIrd, cancellationToken);
        }

        return removed;
    }

    /// <summary>Adds or replaces a customer (and the accounts given, with what a seed gives them), checked as a seed's.</summary>
    public async Task<CustomerView> PutCustomerAsync(string ird, SeedCustomer customer, CancellationToken cancellationToken)
    {
        if (customer.Ird is not null && customer.Ird != ird)
        {
            throw new TestDataException("ird_mismatch", $"The body is customer '{customer.Ird}', the path '{ird}'.");
        }

        customer.Ird = ird;
        await ApplyAsync(new SeedDocument { Customers = [customer] }, cancellationToken);
        return (await ListCustomersAsync(cancellationToken)).Single(c => c.Ird == Ird(ird));
    }

    /// <summary>Gives <paramref name="logon"/> access to a customer (<c>Owner</c>, or an access level); replaces the level given before.</summary>
    public async Task<DelegationView> PutDelegationAsync(string logon, string customer, string? access, CancellationToken cancellationToken)
    {
        var user = string.Equals(access, DelegationView.Owner, StringComparison.OrdinalIgnoreCase)
            ? new SeedUser { Logon = logon, Owns = [customer] }
            : new SeedUser { Logon = logon, Delegations = [new SeedDelegation { Customer = customer, Access = access ?? "View" }] };
        await ApplyAsync(new SeedDocument { Users = [user] }, cancellationToken);
        var ird = Ird(customer);
        return (await ListDelegationsAsync(cancellationToken))
            .Last(d => string.Equals(d.Logon, logon, StringComparison.OrdinalIgnoreCase) && d.Customer == ird);
    }

    /// <summary>Removes <paramref name="logon"/>'s ownership of and delegation to a customer; false when it had neither.</summary>
    public async Task<bool> RemoveDelegationAsync(string logon, string customer, CancellationToken cancellationToken) =>
        await store.RemoveOwnershipAsync(logon, Ird(customer), cancellationToken) | await store.RemoveDelegationAsync(logon, Ird(customer), cancellationToken);

    /// <summary>Makes <paramref name="logon"/> staff of an agency, or changes its role and access.</summary>
    public async Task<StaffView> PutStaffAsync(string agency, string logon, SeedAgencyRole role, CancellationToken cancellationToken)
    {
        if (role.Agency is not null && role.Agency != agency)
        {
            throw new TestDataException("agency_mismatch", $"The body is agency '{role.Agency}', the path '{agency}'.");
        }

        role.Agency = agency;
        await ApplyAsync(new SeedDocument { Users = [new SeedUser { Logon = logon, Agencies = [role] }] }, cancellationToken);
        return (await store.ListAgencyMembershipsAsync(logon, cancellationToken)).Select(StaffView.Of).Single(s => s.Agency == Ird(agency));
    }

    /// <summary>Removes <paramref name="logon"/> from an agency's staff; false when it was not.</summary>
    public Task<bool> RemoveStaffAsync(string agency, string logon, CancellationToken cancellationToken) =>
        store.RemoveAgencyStaffAsync(logon, Ird(agency), cancellationToken);

    /// <summary>Adds or replaces a client list (and the links given), checked as a seed's.</summary>
    public async Task<ClientListView> PutClientListAsync(string id, SeedClientList list, CancellationToken cancellationToken)
    {
        if (list.Id is not null && list.Id != id)
        {
            throw new TestDataException("list_mismatch", $"The body is list '{list.Id}', the path '{id}'.");
        }

        list.Id = id;
        await ApplyAsync(new SeedDocument { ClientLists = [list] }, cancellationToken);
        return (await ListClientListsAsync(cancellationToken)).Single(l => l.Id == id);
    }

    /// <summary>Removes a link of a client list (no account type: the customer master link); false when there is none.</summary>
    public Task<bool> RemoveLinkAsync(string listId, string client, string? accountType, CancellationToken cancellationToken) =>
        store.RemoveLinkAsync(listId, Ird(client), string.IsNullOrEmpty(accountType) ? null : accountType.ToUpperInvariant(), cancellationToken);

    /// <summary>Loads seed <paramref name="text"/> (checked whole first); what it holds, and whether it was new (a seed is applied once per content).</summary>
    public async Task<SeedLoaded> LoadSeedAsync(string text, string source, string baseDirectory, CancellationToken cancellationToken)
    {
        var seed = SeedReader.Read(text, source);
        var applied = await SeedLoader.Into(store, time).ApplyAsync(text, source, baseDirectory, cancellationToken);
        return new SeedLoaded(
            applied,
            seed.Users.Count,
            seed.Customers.Count,
            seed.Customers.Sum(c => c.Accounts.Count),
            seed.ClientLists.Count,
            seed.ClientLists.Sum(l => l.Links.Count),
            seed.Scenarios.Count,
            seed.Clients.Count);
    }

    /// <summary>The test data as a seed file (YAML).</summary>
    public Task<string> ExportAsync(CancellationToken cancellationToken) => SeedWriter.From(store).WriteAsync(cancellationToken);

    /// <summary>An IRD number as the store keeps it (nine digits), as the seed loader wrote it.</summary>
    private static string Ird(string text) => text.Replace("-", string.Empty, StringComparison.Ordinal).Trim().PadLeft(9, '0');

    private Task ApplyAsync(SeedDocument seed, CancellationToken cancellationToken) =>
        SeedLoader.Into(store, time).ApplyAsync(seed, "the body", AppContext.BaseDirectory, cancellationToken);
}

/// <summary>A change the test data cannot take; <see cref="Error"/> is the control API's error code.</summary>
internal sealed class TestDataException(string error, string message) : Exception(message)
{
    public string Error { get; } = error;
}

/// <summary>A logon: <see cref="CanSignIn"/> when it is a myIR user with a password, and what it owns, was given and works for.</summary>
public sealed record UserView(
    string Logon, bool CanSignIn, DateTimeOffset? CreatedAt, IReadOnlyList<string> Owns, IReadOnlyList<DelegationView> Delegations, IReadOnlyList<StaffView> Agencies);

/// <summary>A user just added: <see cref="Password"/> is shown once, when it was made up (<see cref="Generated"/>).</summary>
public sealed record UserAdded(string Logon, bool Added, string Password, bool Generated);

/// <summary>A logon's access to a customer: <c>Owner</c>, or a delegation's level (None, View, File, Full).</summary>
public sealed record DelegationView(string Logon, string Customer, string Access)
{
    public const string Owner = "Owner";
}

/// <summary>A logon on an agency's staff: role, access to its client lists, and per-list overrides.</summary>
public sealed record StaffView(string Logon, string Agency, string Role, string Access, IReadOnlyDictionary<string, string> Lists)
{
    internal static StaffView Of(AgencyStaff staff) => new(staff.Logon, staff.AgencyIrd, staff.Role.ToString(), staff.Access.ToString(),
        staff.ListAccess.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value.ToString()));
}

/// <summary>An agency: its name (when it is a customer), staff and client lists.</summary>
public sealed record AgencyView(string Ird, string? Name, bool Intermediary, IReadOnlyList<StaffView> Staff, IReadOnlyList<string> ClientLists);

/// <summary>A customer with its accounts.</summary>
public sealed record CustomerView(string Ird, string Name, string? Cst, bool IrdCheck, bool Intermediary, bool TaxPreparer, IReadOnlyList<AccountView> Accounts)
{
    internal static CustomerView Of(SeedCustomer c) => new(c.Ird!, c.Name!, c.Cst, c.IrdCheck, c.Intermediary, c.TaxPreparer, [.. c.Accounts.Select(a => new AccountView(
        a.Id!, a.Type ?? a.Id![9..12], a.Eligible, a.Details, a.Gst is not null, a.Ei is not null, a.Returns.Count, a.Employees.Count, a.Events.Count))]);
}

/// <summary>A tax account: its Account API details, whether it has a GST or EI profile, and how many returns, employees and events.</summary>
public sealed record AccountView(
    string Id, string Type, bool Eligible, System.Text.Json.Nodes.JsonObject? Details, bool Gst, bool Ei, int Returns, int Employees, int Events);

/// <summary>A client list and its links.</summary>
public sealed record ClientListView(string Id, string IdType, string Type, string Agency, bool RefundAccount, IReadOnlyList<LinkView> Links);

/// <summary>A link: to one account type of the client, or (no account) the customer master link.</summary>
public sealed record LinkView(string Client, string? Account, bool RedirectMail, bool RedirectDisbursements, string Status);

/// <summary>What a seed held, and whether it was applied (false: this very content was applied before, so nothing changed).</summary>
public sealed record SeedLoaded(bool Applied, int Users, int Customers, int Accounts, int ClientLists, int Links, int Scenarios, int Clients);
