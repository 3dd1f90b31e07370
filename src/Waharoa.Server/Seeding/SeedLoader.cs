using System.Security.Cryptography;
using System.Text;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Waharoa.Customers;
using Waharoa.Returns;
using Waharoa.Sandbox;
using Waharoa.Server.Scenarios;
using Waharoa.Storage;
using Waharoa.Users;
using static Waharoa.Server.Sandbox.Returns.ReturnsContract;

namespace Waharoa.Server.Seeding;

/// <summary>
/// Applies seed files: DSP clients, myIR users, customers and their accounts (with their returns and employees),
/// delegations, agency staff, client lists and links. A seed is applied once per content: starting again with the same file changes nothing, so links made
/// or removed through the services since then stay as they are; an edited file is applied again (adding and
/// replacing, never deleting).
/// </summary>
internal sealed partial class SeedLoader(
    IClientStore clients, IUserStore users, ICustomerStore customers, IDelegationStore delegations, IClientListStore lists, IReturnStore returns,
    IEmploymentStore employment, ISeedRecordStore applied, IScenarioRuleStore scenarios, TimeProvider time)
{
    /// <summary>A loader that writes into every part of <paramref name="store"/>.</summary>
    public static SeedLoader Into(IWaharoaStore store, TimeProvider time) => new(store, store, store, store, store, store, store, store, store, time);

    /// <summary>Applies the seed file at <paramref name="path"/>; false when this content was applied before.</summary>
    public async Task<bool> ApplyFileAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SeedException($"{path}: cannot be read: {ex.Message}", ex);
        }

        return await ApplyAsync(text, path, Path.GetDirectoryName(Path.GetFullPath(path))!, cancellationToken);
    }

    /// <summary>Applies seed <paramref name="text"/> named <paramref name="source"/>; relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    /// <remarks><paramref name="hashPassword"/> replaces the per-user password hashing (the demo seeds share one hash per published demo password).</remarks>
    public async Task<bool> ApplyAsync(string text, string source, string baseDirectory, CancellationToken cancellationToken, Func<string, string>? hashPassword = null)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        if (await applied.WasSeedAppliedAsync(hash, cancellationToken))
        {
            return false;
        }

        var seed = SeedReader.Read(text, source);
        await ApplyAsync(seed, source, baseDirectory, cancellationToken, hashPassword);
        await applied.MarkSeedAppliedAsync(hash, source, time.GetUtcNow(), cancellationToken);
        return true;
    }

    /// <summary>Applies <paramref name="seed"/> whatever was applied before: checked whole first, then written (adding and replacing).</summary>
    public async Task ApplyAsync(SeedDocument seed, string source, string baseDirectory, CancellationToken cancellationToken, Func<string, string>? hashPassword = null)
    {
        foreach (var apply in Plan(seed, source, baseDirectory, hashPassword ?? UserPasswordHasher.Hash))
        {
            await apply(cancellationToken);
        }
    }

    /// <summary>Checks the whole seed first, so that a mistake anywhere applies nothing.</summary>
    private List<Func<CancellationToken, Task>> Plan(SeedDocument seed, string source, string baseDirectory, Func<string, string> hashPassword)
    {
        var steps = new List<Func<CancellationToken, Task>>();
        var now = time.GetUtcNow();
        var submissionKeys = new HashSet<long>();
        var uncheckedIrds = seed.Customers.Where(c => !c.IrdCheck && c.Ird is not null).Select(c => c.Ird!.PadLeft(9, '0')).ToHashSet(StringComparer.Ordinal);
        string Ird(string? value, string where)
        {
            var text = Required(value, where).Replace("-", string.Empty, StringComparison.Ordinal).Trim();
            return IrdNumber.Normalise(text)
                ?? (text.Length is 8 or 9 && text.All(char.IsAsciiDigit) && uncheckedIrds.Contains(text.PadLeft(9, '0')) ? text.PadLeft(9, '0') : null)
                ?? throw new SeedException($"{where}: '{value}' is not a valid IRD number (modulus-11 check)");
        }

        foreach (var (customer, i) in seed.Customers.Select((c, i) => (c, i)))
        {
            var where = $"{source}: customers[{i}]";
            var ird = Ird(customer.Ird, where + ".ird");
            var record = new Customer(ird, Required(customer.Name, where + ".name"))
            {
                CustomerId = customer.Cst,
                Intermediary = customer.Intermediary,
                TaxPreparer = customer.TaxPreparer,
            };
            steps.Add(ct => customers.PutCustomerAsync(record, ct));
            foreach (var (account, j) in customer.Accounts.Select((a, j) => (a, j)))
            {
                var at = $"{where}.accounts[{j}]";
                var id = Required(account.Id, at + ".id");
                var type = account.Type ?? (id.Length >= 12 ? id[9..12] : null);
                if (!id.StartsWith(ird, StringComparison.Ordinal) || type is null || type.Length != 3)
                {
                    throw new SeedException($"{at}.id: '{id}' is not an account ID of {ird} (IRD number, three-letter account type, suffix)");
                }

                var details = account.Details;
                if (details is not null && (details.ContainsKey("ID") || details.ContainsKey("IDType") || details.ContainsKey("AccountType")))
                {
                    throw new SeedException($"{at}.details: ID, IDType and AccountType come from the account itself; leave them out");
                }

                var taxAccount = new TaxAccount(id, ird, type, details) { EligibleForAccountApi = account.Eligible };
                steps.Add(ct => customers.PutAccountAsync(taxAccount, ct));
                PlanReturns(steps, account, taxAccount, at, now, submissionKeys);
                PlanEmployees(steps, account, taxAccount, at, now);
            }
        }

        foreach (var (list, i) in seed.ClientLists.Select((l, i) => (l, i)))
        {
            var where = $"{source}: client_lists[{i}]";
            var listId = Required(list.Id, where + ".id");
            var idType = OneOf(list.IdType, where + ".id_type", "LSTID", "CLTLID", "IRD");
            var record = new ClientList(listId, idType, Enum<ClientListType>(list.Type, where + ".type"), Ird(list.Agency, where + ".agency"), list.RefundAccount);
            steps.Add(ct => lists.PutClientListAsync(record, ct));
            foreach (var (link, j) in list.Links.Select((l, j) => (l, j)))
            {
                var at = $"{where}.links[{j}]";
                var client = Ird(link.Client, at + ".client");
                var status = Enum<LinkStatus>(link.Status, at + ".status");
                if (link.Accounts.Count == 0 && !link.CustomerMaster)
                {
                    throw new SeedException($"{at}: give accounts, customer_master: true, or both");
                }

                var types = link.Accounts.Select(a => (string?)a).ToList();
                if (link.CustomerMaster)
                {
                    types.Insert(0, null);
                }

                foreach (var type in types)
                {
                    var record2 = new ClientLink(listId, client, type, link.RedirectMail, type is not null && link.RedirectDisbursements, status);
                    steps.Add(async ct =>
                    {
                        if (!await lists.AddLinkAsync(record2, ct))
                        {
                            await lists.ReplaceLinkAsync(record2, record2, ct);
                        }
                    });
                }
            }
        }

        foreach (var (user, i) in seed.Users.Select((u, i) => (u, i)))
        {
            var where = $"{source}: users[{i}]";
            var logon = Required(user.Logon, where + ".logon");
            if (user.Password is not null && user.PasswordHash is not null)
            {
                throw new SeedException($"{where}: give password or password_hash, not both");
            }

            if (user.PasswordHash is { } given && !IsPasswordHash(given))
            {
                throw new SeedException($"{where}.password_hash: not a password hash as Waharoa stores them (a seed export gives them); give password instead");
            }

            var password = user.Password;
            var passwordHash = user.PasswordHash;
            steps.Add(async ct =>
            {
                if ((password is not null || passwordHash is not null) && await users.FindUserAsync(logon, ct) is null)
                {
                    await users.AddUserAsync(new MyIrUser(logon, passwordHash ?? hashPassword(password!), now), ct);
                }
            });
            foreach (var (owned, j) in user.Owns.Select((o, j) => (o, j)))
            {
                var ownership = new CustomerOwnership(logon, Ird(owned, $"{where}.owns[{j}]"));
                steps.Add(ct => delegations.PutOwnershipAsync(ownership, ct));
            }

            foreach (var (delegation, j) in user.Delegations.Select((d, j) => (d, j)))
            {
                var at = $"{where}.delegations[{j}]";
                var record = new CustomerDelegation(logon, Ird(delegation.Customer, at + ".customer"), Enum<AccessLevel>(delegation.Access, at + ".access"));
                steps.Add(ct => delegations.PutDelegationAsync(record, ct));
            }

            foreach (var (agency, j) in user.Agencies.Select((a, j) => (a, j)))
            {
                var at = $"{where}.agencies[{j}]";
                var staff = new AgencyStaff(logon, Ird(agency.Agency, at + ".agency"), Enum<AgencyRole>(agency.Role, at + ".role"), Enum<AccessLevel>(agency.Access, at + ".access"))
                {
                    ListAccess = agency.Lists.ToDictionary(kv => kv.Key, kv => Enum<AccessLevel>(kv.Value, $"{at}.lists.{kv.Key}")),
                };
                steps.Add(ct => delegations.PutAgencyStaffAsync(staff, ct));
            }
        }

        foreach (var (client, i) in seed.Clients.Select((c, i) => (c, i)))
        {
            PlanClient(steps, client, $"{source}: clients[{i}]", baseDirectory, now, Ird);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (definition, i) in seed.Scenarios.Select((d, i) => (d, i)))
        {
            var where = $"{source}: scenarios[{i}]";
            ScenarioRule rule;
            try
            {
                // Seeds name the built-in services; a configured route is named through the control API.
                rule = ScenarioRule.Compile(definition, _ => false);
            }
            catch (ScenarioException e)
            {
                throw new SeedException($"{where}.{e.Field}: {e.Message}", e);
            }

            if (!names.Add(rule.Name))
            {
                throw new SeedException($"{where}.name: a rule '{rule.Name}' is defined twice");
            }

            definition.Name = rule.Name;
            var stored = new StoredScenarioRule(rule.Name, System.Text.Json.JsonSerializer.Serialize(definition, ScenarioRules.StoredJson), rule.Count, 0, now);
            steps.Add(ct => scenarios.PutScenarioRuleAsync(stored, ct));
        }

        return steps;
    }

    /// <summary>A hash <see cref="UserPasswordHasher"/> made: base64, ASP.NET Core Identity's format marker first (0x00 or 0x01).</summary>
    private static bool IsPasswordHash(string value)
    {
        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var length) && length > 1 && bytes[0] is 0x00 or 0x01;
    }

    private static string Required(string? value, string where) =>
        string.IsNullOrWhiteSpace(value) ? throw new SeedException($"{where} is required") : value;

    private static string OneOf(string? value, string where, params string[] allowed) =>
        allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase))
        ?? throw new SeedException($"{where}: '{value}' is not one of {string.Join(", ", allowed)}");

    private static T Enum<T>(string? value, string where)
        where T : struct, System.Enum =>
        System.Enum.TryParse<T>(Required(value, where).Replace(" ", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
            ? parsed
            : throw new SeedException($"{where}: '{value}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}");
}
