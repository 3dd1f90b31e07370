using System.Globalization;
using System.Text.Json;
using Waharoa.Customers;
using Waharoa.Returns;
using Waharoa.Sandbox;
using Waharoa.Server.Sandbox.Returns;
using Waharoa.Server.Scenarios;
using Waharoa.Storage;

namespace Waharoa.Server.Seeding;

/// <summary>
/// Exports the store's test data as a seed file <see cref="SeedLoader"/> reads back: myIR users (with their password
/// hashes), customers and accounts (with GST and Employment Information profiles, returns, employees and events),
/// delegations, agency staff, client lists and links, and scenario rules. Loaded into a fresh data folder, it gives the
/// same data, and exporting that gives the same file. DSP clients are left out: their secrets are stored hashed and a
/// seed gives a client its secret (<c>waharoa clients</c> and the clients page make them).
/// </summary>
internal sealed class SeedWriter(
    IUserStore users, ICustomerStore customers, IDelegationStore delegations, IClientListStore lists, IReturnStore returns,
    IEmploymentStore employment, IScenarioRuleStore scenarios)
{
    private const string Header =
        "# Waharoa test data, exported as a seed file (docs/seed-files.md): load it with 'waharoa seed FILE',\n"
        + "# 'serve --seed FILE' or the console's data page. Users keep their passwords as stored (hashed); DSP clients\n"
        + "# are not exported (their secrets are stored hashed).\n";

    /// <summary>A writer that reads every part of <paramref name="store"/>.</summary>
    public static SeedWriter From(IWaharoaStore store) => new(store, store, store, store, store, store, store);

    /// <summary>The test data as seed file text (YAML).</summary>
    public async Task<string> WriteAsync(CancellationToken cancellationToken) => Header + SeedYaml.Write(await ReadAsync(cancellationToken));

    /// <summary>The test data as a seed document.</summary>
    public async Task<SeedDocument> ReadAsync(CancellationToken cancellationToken)
    {
        var seed = new SeedDocument();
        foreach (var customer in await customers.ListCustomersAsync(cancellationToken))
        {
            seed.Customers.Add(await CustomerAsync(customer, cancellationToken));
        }

        seed.Users.AddRange(await UsersAsync(cancellationToken));
        foreach (var list in await lists.ListAllClientListsAsync(cancellationToken))
        {
            seed.ClientLists.Add(new SeedClientList
            {
                Id = list.ListId,
                IdType = list.IdType,
                Type = list.Type.ToString(),
                Agency = list.AgencyIrd,
                RefundAccount = list.HasRefundAccount,
                Links = Links(await lists.ListLinksAsync(list.ListId, cancellationToken)),
            });
        }

        foreach (var rule in await scenarios.ListScenarioRulesAsync(cancellationToken))
        {
            var definition = JsonSerializer.Deserialize<ScenarioDefinition>(rule.Definition, ScenarioRules.StoredJson) ?? new ScenarioDefinition();
            definition.Name = rule.Name;
            seed.Scenarios.Add(definition);
        }

        return seed;
    }

    private async Task<SeedCustomer> CustomerAsync(Customer customer, CancellationToken cancellationToken)
    {
        var seeded = new SeedCustomer
        {
            Ird = customer.Ird,
            Name = customer.Name,
            Cst = customer.CustomerId,
            IrdCheck = IrdNumber.Normalise(customer.Ird) is not null,
            Intermediary = customer.Intermediary,
            TaxPreparer = customer.TaxPreparer,
        };
        foreach (var account in await customers.ListAccountsAsync(customer.Ird, cancellationToken))
        {
            var id = account.AccountId;
            var seededAccount = new SeedAccount
            {
                Id = id,
                Type = id.Length >= 12 && id[9..12] == account.AccountType ? null : account.AccountType,
                Eligible = account.EligibleForAccountApi,
                Details = account.Details?.DeepClone().AsObject(),
            };
            if (account.AccountType == GstProfile.MajorFormType)
            {
                seededAccount.Gst = (await returns.FindReturnProfileAsync(id, GstProfile.MajorFormType, cancellationToken))?.Settings.DeepClone().AsObject();
                if (seededAccount.Gst is not null)
                {
                    var filed = await returns.ListReturnsAsync(id, GstProfile.MajorFormType, cancellationToken);
                    seededAccount.Returns.AddRange(filed.OrderBy(r => r.PeriodEnd).ThenBy(r => r.SubmissionKey).Select(r => Return(r, payDay: false)));
                }
            }
            else if (account.AccountType == "EMP")
            {
                seededAccount.Ei = (await returns.FindReturnProfileAsync(id, EiProfile.ProfileKey, cancellationToken))?.Settings.DeepClone().AsObject();
                var filed = (await returns.ListReturnsAsync(id, EiReturnForm.MajorForm, cancellationToken))
                    .Concat(await returns.ListReturnsAsync(id, EiReturnForm.Version1MajorForm, cancellationToken));
                seededAccount.Returns.AddRange(filed.OrderBy(r => r.PayDay ?? r.PeriodEnd).ThenBy(r => r.SubmissionKey).Select(r => Return(r, payDay: true)));
                seededAccount.Employees.AddRange((await employment.ListEmploymentLinesAsync(id, cancellationToken)).Select(Employee));
                seededAccount.Events.AddRange((await employment.ListEmployerEventsAsync(id, cancellationToken)).Select(e => e.Fields.DeepClone().AsObject()));
            }

            seeded.Accounts.Add(seededAccount);
        }

        return seeded;
    }

    private static SeedReturn Return(FiledReturn filed, bool payDay) => new()
    {
        Period = payDay ? null : Date(filed.PeriodEnd),
        PayDay = payDay ? Date(filed.PayDay ?? filed.PeriodEnd) : null,
        Form = payDay ? filed.MajorFormType : filed.MinorFormType,
        Status = filed.Status,
        Filed = filed.OriginallyFiledAt is { } originallyFiled ? Date(NewZealand.DateOf(originallyFiled)) : null,
        SubmissionKey = filed.SubmissionKey,
        Nil = filed.IsNilReturn,
        FormFields = filed.FormFields,
    };

    private static SeedEmployee Employee(Employment.EmploymentLine line)
    {
        var defaultName = string.Join(' ', new[] { line.Name.First, line.Name.Surname }.Where(p => !string.IsNullOrWhiteSpace(p)));
        return new SeedEmployee
        {
            Ird = line.EmployeeIrd,
            IrdCheck = line.EmployeeIrd == Employment.EmploymentLine.UnknownIrd || IrdNumber.Normalise(line.EmployeeIrd) is not null,
            Name = new SeedEmployeeName { Title = line.Name.Title, First = line.Name.First, Surname = line.Name.Surname, Middle = line.Name.Middle },
            NameOnEiLine = line.NameOnEiLine == defaultName ? null : line.NameOnEiLine,
            TaxCodes = [.. line.TaxCodes],
            Start = line.StartDate is { } start ? Date(start) : null,
            Finish = line.FinishDate is { } finish ? Date(finish) : null,
            DateOfBirth = line.DateOfBirth is { } born ? Date(born) : null,
            Details = line.Details.Count == 0 ? null : line.Details.DeepClone().AsObject(),
            Valid = line.Valid,
        };
    }

    /// <summary>Every logon the store knows: its myIR user (if any) and what it owns, was given and works for.</summary>
    private async Task<List<SeedUser>> UsersAsync(CancellationToken cancellationToken)
    {
        var byLogon = new SortedDictionary<string, SeedUser>(StringComparer.OrdinalIgnoreCase);
        SeedUser For(string logon) => byLogon.TryGetValue(logon, out var user) ? user : byLogon[logon] = new SeedUser { Logon = logon };
        foreach (var user in await users.ListUsersAsync(cancellationToken))
        {
            For(user.Logon).PasswordHash = user.PasswordHash;
        }

        foreach (var owned in await delegations.ListAllOwnershipsAsync(cancellationToken))
        {
            For(owned.Logon).Owns.Add(owned.CustomerIrd);
        }

        foreach (var delegation in await delegations.ListAllDelegationsAsync(cancellationToken))
        {
            For(delegation.Logon).Delegations.Add(new SeedDelegation { Customer = delegation.CustomerIrd, Access = delegation.Access.ToString() });
        }

        foreach (var staff in await delegations.ListAllAgencyStaffAsync(cancellationToken))
        {
            For(staff.Logon).Agencies.Add(new SeedAgencyRole
            {
                Agency = staff.AgencyIrd,
                Role = staff.Role.ToString(),
                Access = staff.Access.ToString(),
                Lists = staff.ListAccess.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value.ToString()),
            });
        }

        return [.. byLogon.Values];
    }

    /// <summary>A list's links in their order, those of one client that differ only in the account type as one entry.</summary>
    private static List<SeedLink> Links(IReadOnlyList<ClientLink> links)
    {
        var seeded = new List<SeedLink>();
        foreach (var link in links)
        {
            var last = seeded.Count > 0 ? seeded[^1] : null;
            var joins = last is not null && last.Client == link.ClientIrd && last.RedirectMail == link.RedirectMail && last.Status == link.Status.ToString()
                && link.AccountType is not null && !last.Accounts.Contains(link.AccountType)
                && (last.Accounts.Count == 0 ? !link.RedirectDisbursements : last.RedirectDisbursements == link.RedirectDisbursements);
            if (joins)
            {
                last!.Accounts.Add(link.AccountType!);
                continue;
            }

            seeded.Add(new SeedLink
            {
                Client = link.ClientIrd,
                Accounts = link.AccountType is null ? [] : [link.AccountType],
                CustomerMaster = link.AccountType is null,
                RedirectMail = link.RedirectMail,
                RedirectDisbursements = link.RedirectDisbursements,
                Status = link.Status.ToString(),
            });
        }

        return seeded;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
