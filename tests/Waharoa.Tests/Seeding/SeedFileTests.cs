using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Waharoa.Sandbox;
using Waharoa.Server.Seeding;
using Waharoa.Storage;
using Waharoa.Testing;
using Waharoa.Users;

namespace Waharoa.Tests.Seeding;

/// <summary><c>serve --seed FILE</c>: test data in YAML or JSON, applied once per content.</summary>
public sealed class SeedFileTests : IDisposable
{
    private const string Yaml = """
        customers:
          - ird: "049091850"
            name: Example Agency
            intermediary: true
            tax_preparer: true
          - ird: 136410132
            name: Aroha Client
            accounts:
              - id: 136410132INC003
                details:
                  Status: ACT
                  ProvTaxRatio: 0.0
                  GroupMember: false
                  BankAccount: "10-1000-01000000-0100"
                  Code: 0042
              - id: 136410132KSS004
                eligible: false
        users:
          - logon: SeedAgent
            password: Seed-Password-1
            agencies:
              - agency: "049091850"
                role: Restricted User
                access: View
                lists: { "7000001": None }
          - logon: SeedOwner
            password: Seed-Password-2
            owns: ["136410132"]
            delegations: [{ customer: "049091850", access: Full }]
        client_lists:
          - id: "7000001"
            id_type: CLTLID
            type: BKPCLI
            agency: "049091850"
            refund_account: true
            links:
              - client: "136410132"
                accounts: [INC]
                customer_master: true
                redirect_mail: true
                status: Pending
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("waharoa-seed-").FullName;

    [Fact]
    public async Task Seed_Yaml_LoadsEverySection()
    {
        var file = Write("seed.yaml", Yaml);
        await using var host = await WaharoaTestHost.StartAsync(configure: o => o.SeedFiles.Add(file));
        var sandbox = host.Server.Services.GetRequiredService<IWaharoaStore>();
        var users = host.Server.Services.GetRequiredService<IUserStore>();

        var agency = await sandbox.FindCustomerAsync("049091850", default);
        Assert.True(agency is { Intermediary: true, TaxPreparer: true, Name: "Example Agency" });

        var accounts = await sandbox.ListAccountsAsync("136410132", default);
        Assert.Equal(["136410132INC003", "136410132KSS004"], accounts.Select(a => a.AccountId));
        Assert.Equal("INC", accounts[0].AccountType);
        Assert.True(accounts[0].EligibleForAccountApi);
        Assert.False(accounts[1].EligibleForAccountApi);
        Assert.Equal("""{"Status":"ACT","ProvTaxRatio":0.0,"GroupMember":false,"BankAccount":"10-1000-01000000-0100","Code":"0042"}""", accounts[0].Details!.ToJsonString());

        var staff = Assert.Single(await sandbox.ListAgencyMembershipsAsync("SeedAgent", default));
        Assert.Equal(AgencyRole.RestrictedUser, staff.Role);
        Assert.Equal(AccessLevel.View, staff.AccessTo("other"));
        Assert.Equal(AccessLevel.None, staff.AccessTo("7000001"));
        Assert.Equal("136410132", Assert.Single(await sandbox.ListOwnershipsAsync("SeedOwner", default)).CustomerIrd);
        Assert.Equal(AccessLevel.Full, Assert.Single(await sandbox.ListDelegationsAsync("SeedOwner", default)).Access);

        var list = await sandbox.FindClientListAsync("7000001", default);
        Assert.Equal(new ClientList("7000001", "CLTLID", ClientListType.BKPCLI, "049091850", true), list);
        var links = await sandbox.ListLinksAsync("7000001", default);
        Assert.Equal(
            [new ClientLink("7000001", "136410132", null, true, false, LinkStatus.Pending), new ClientLink("7000001", "136410132", "INC", true, false, LinkStatus.Pending)],
            links);

        var owner = await users.FindUserAsync("SeedOwner", default);
        Assert.NotNull(owner);
        Assert.True(UserPasswordHasher.Verify(owner!.PasswordHash, "Seed-Password-2"));
    }

    [Fact]
    public async Task Seed_Employees_AreEmploymentLinesOfTheEmpAccountInFileOrder()
    {
        var file = Write("employees.yaml", """
            customers:
              - ird: "136410132"
                name: Employer
                accounts:
                  - id: 136410132EMP003
                    employees:
                      - ird: "123074610"
                        name: { title: Mr, first: Arthur, surname: Actinic, middle: B }
                        tax_codes: [m, SA SL]
                        start: "2018-04-01"
                        finish: "2018-12-31"
                        date_of_birth: "1990-07-28"
                        details: { kiwiSaverStatus: AK, employeeAddress: { townCity: Woburn } }
                      - ird: "000000000"
                        name: { first: Zero }
                        name_on_ei_line: Steffi Graf
                        tax_codes: [ND]
                      - ird: "000000000"
                        name: { first: Another }
                        name_on_ei_line: Monica Seles
                        tax_codes: [ND]
                      - ird: "123037155"
                        ird_check: false
                        name: { first: Ella, surname: James }
                        tax_codes: [M]
                        valid: false
                      - ird: "123074610"
                        name: { first: Arthur, surname: Actinic }
                        tax_codes: [M]
                        start: "2019-01-01"
            """);
        await using var host = await WaharoaTestHost.StartAsync(configure: o => o.SeedFiles.Add(file));
        var store = host.Server.Services.GetRequiredService<IWaharoaStore>();

        var lines = await store.ListEmploymentLinesAsync("136410132EMP003", default);

        Assert.Equal(["123074610", "000000000", "000000000", "123037155", "123074610"], lines.Select(l => l.EmployeeIrd));
        var arthur = lines[0];
        Assert.Equal(("136410132", "Arthur Actinic", new Waharoa.Employment.EmployeeName("Mr", "Arthur", "Actinic", "B")), (arthur.EmployerIrd, arthur.NameOnEiLine, arthur.Name));
        Assert.Equal(["M", "SASL"], arthur.TaxCodes);
        Assert.Equal((new DateOnly(2018, 4, 1), new DateOnly(2018, 12, 31), new DateOnly(1990, 7, 28)), (arthur.StartDate, arthur.FinishDate, arthur.DateOfBirth));
        Assert.Equal("""{"kiwiSaverStatus":"AK","employeeAddress":{"townCity":"Woburn"}}""", arthur.Details.ToJsonString());
        Assert.Equal("Steffi Graf", lines[1].NameOnEiLine);
        Assert.Equal("Monica Seles", lines[2].NameOnEiLine);
        Assert.Equal([true, true, true, false, true], lines.Select(l => l.Valid));
        Assert.Null(lines[4].FinishDate);
    }

    [Fact]
    public async Task Seed_ClientSoftwarePlatforms_AreRegisteredOnceEach()
    {
        var file = Write("platforms.yaml", "clients:\n  - client_id: Platformed\n    kind: native\n    secret: a-long-secret-value\n    redirect_uris: [https://app.example/cb]\n    software_platforms: [PayrollOne, payrollone, PayrollOne]\n");
        await using var host = await WaharoaTestHost.StartAsync(configure: o => o.SeedFiles.Add(file));

        var client = await host.Server.Services.GetRequiredService<IClientStore>().FindClientAsync("Platformed", default);

        Assert.Equal(["PayrollOne", "payrollone"], client!.SoftwarePlatforms);
    }

    [Fact]
    public async Task Seed_Json_IsReadLikeYaml()
    {
        var file = Write("seed.json", """
            {"customers":[{"ird":"136410132","name":"Aroha Client","accounts":[{"id":"136410132GST004","details":{"GST":{"AccountingBasis":"INV","GroupMember":false}}}]}],
             "users":[{"logon":"JsonOwner","password":"Json-Password-1","owns":["136410132"]}]}
            """);
        await using var host = await WaharoaTestHost.StartAsync(configure: o => o.SeedFiles.Add(file));
        var sandbox = host.Server.Services.GetRequiredService<IWaharoaStore>();

        var account = await sandbox.FindAccountAsync("136410132GST004", default);
        Assert.Equal("""{"GST":{"AccountingBasis":"INV","GroupMember":false}}""", account!.Details!.ToJsonString());
        Assert.Single(await sandbox.ListOwnershipsAsync("JsonOwner", default));
    }

    [Fact]
    public async Task Seed_SameContentOnRestart_LeavesLaterChangesAlone_EditedContentIsApplied()
    {
        var file = Write("seed.yaml", Yaml);
        var data = Path.Combine(_folder, "data");
        await using (var host = await WaharoaTestHost.StartAsync(configure: o => o.SeedFiles.Add(file), dataDirectory: data))
        {
            var sandbox = host.Server.Services.GetRequiredService<IWaharoaStore>();
            Assert.True(await sandbox.RemoveLinkAsync("7000001", "136410132", "INC", default));
        }

        await using (var host = await WaharoaTestHost.StartAsync(configure: o => o.SeedFiles.Add(file), dataDirectory: data))
        {
            var sandbox = host.Server.Services.GetRequiredService<IWaharoaStore>();
            Assert.DoesNotContain(await sandbox.ListLinksAsync("7000001", default), l => l.AccountType == "INC");
        }

        File.WriteAllText(file, Yaml.Replace("accounts: [INC]", "accounts: [INC, GST]", StringComparison.Ordinal));
        await using (var host = await WaharoaTestHost.StartAsync(configure: o => o.SeedFiles.Add(file), dataDirectory: data))
        {
            var sandbox = host.Server.Services.GetRequiredService<IWaharoaStore>();
            Assert.Equal([null, "INC", "GST"], (await sandbox.ListLinksAsync("7000001", default)).Select(l => l.AccountType));
        }
    }

    [Theory]
    [InlineData("customers:\n  - ird: \"136410133\"\n    name: Bad check digit\n", "customers[0].ird: '136410133' is not a valid IRD number")]
    [InlineData("customers:\n  - ird: \"136410132\"\n", "customers[0].name is required")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 049091850INC001\n", "customers[0].accounts[0].id: '049091850INC001' is not an account ID of 136410132")]
    [InlineData("users:\n  - logon: A\n    agencies:\n      - agency: \"049091850\"\n        role: Boss\n", "users[1].agencies[0].role: 'Boss' is not one of Owner, Administrator, User, RestrictedUser")]
    [InlineData("customer:\n  - ird: \"136410132\"\n", "customer")]
    [InlineData("customers: [", "not valid YAML or JSON")]
    [InlineData("clients:\n  - client_id: Weak\n    kind: native\n    secret: s3cret\n    redirect_uris: [https://app.example/cb]\n", "clients[0].secret: a client secret needs at least 16 characters, 6 of them different")]
    [InlineData("clients:\n  - client_id: Weak\n    kind: native\n    secret: aaaaaaaaaaaaaaaaaaaa\n    redirect_uris: [https://app.example/cb]\n", "clients[0].secret: a client secret needs at least 16 characters, 6 of them different")]
    [InlineData("clients:\n  - client_id: Rel\n    kind: native\n    secret: a-long-secret-value\n    redirect_uris: [/callback]\n", "clients[0].redirect_uris: '/callback' is not an absolute URI without a fragment")]
    [InlineData("clients:\n  - client_id: Plat\n    kind: native\n    secret: a-long-secret-value\n    redirect_uris: [https://app.example/cb]\n    software_platforms: [\"\"]\n", "clients[0].software_platforms: '' is not a software platform value a request can carry")]
    [InlineData("clients:\n  - client_id: Frag\n    kind: native\n    secret: a-long-secret-value\n    redirect_uris: [\"https://app.example/cb#top\"]\n", "clients[0].redirect_uris: 'https://app.example/cb#top' is not an absolute URI without a fragment")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132GST001\n        gst: { frequency: GST3M, first_period: \"2024-01-31\" }\n", "customers[0].accounts[0].gst.frequency must be one of GSTMO, GST2M1, GST2M2, GST6M")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132GST001\n        gst: { frequency: GST2M1, first_period: \"2024-02-29\" }\n", "customers[0].accounts[0].gst.first_period 2024-02-29 is not the end of a GST2M1 period")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132INC001\n        gst: { frequency: GST2M1, first_period: \"2024-01-31\" }\n", "customers[0].accounts[0].gst: only a GST account has a GST profile, not INC")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132GST001\n        returns: [{ period: \"2024-01-31\", submission_key: 1 }]\n", "customers[0].accounts[0].returns: returns need the account's gst profile")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132GST001\n        gst: { frequency: GST2M1, first_period: \"2024-01-31\" }\n        returns: [{ period: \"2024-02-29\", submission_key: 1, form_fields: x }]\n", "customers[0].accounts[0].returns[0].period: '2024-02-29' is not the end of one of this account's GST2M1 periods")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132GST001\n        gst: { frequency: GST2M1, first_period: \"2024-01-31\", multi_branch: \"yes\" }\n", "customers[0].accounts[0].gst: a setting has the wrong kind of value")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132GST001\n        gst: { frequency: GST2M1, first_period: \"2024-01-31\" }\n        returns: [{ period: \"2024-01-31\", submission_key: 7, form_fields: '<r:formFields xmlns:r=\"urn:www.ird.govt.nz/GWS:types/ReturnGST.v1\"/>' }]\n", "customers[0].accounts[0].returns[0].form_fields: not as IR's schema has them")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132EMP001\n        returns: [{ pay_day: \"2024-01-15\", submission_key: 8, form_fields: '<e:formFields xmlns:e=\"urn:www.ird.govt.nz/GWS:types/ReturnEI.v2\"><e:payDayDate>2024-01-15</e:payDayDate><e:grossEarnings>lots</e:grossEarnings></e:formFields>' }]\n", "customers[0].accounts[0].returns[0].form_fields: not as IR's schema has them")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132EMP001\n        returns: [{ pay_day: \"2024-01-15\", submission_key: 7, form_fields: '<e:formFields xmlns:e=\"urn:www.ird.govt.nz/GWS:types/ReturnEI.v2\"><e:payDayDate>2024-01-15</e:payDayDate><e:employeeFields/></e:formFields>' }, { pay_day: \"2024-01-29\", submission_key: 7, form_fields: '<e:formFields xmlns:e=\"urn:www.ird.govt.nz/GWS:types/ReturnEI.v2\"><e:payDayDate>2024-01-29</e:payDayDate><e:employeeFields/></e:formFields>' }]\n", "customers[0].accounts[0].returns[1].submission_key: 7 is not a positive 32-bit number used once in this file")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132EMP001\n        ei: { ems_periods: [\"2025-05-30\"] }\n", "customers[0].accounts[0].ei.ems_periods: 2025-05-30 is not the last day of a month")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132EMP001\n        returns: [{ pay_day: \"2024-01-15\", submission_key: 9, filed: 15/1/2024, form_fields: '<e:formFields xmlns:e=\"urn:www.ird.govt.nz/GWS:types/ReturnEI.v2\"><e:payDayDate>2024-01-15</e:payDayDate><e:employeeFields/></e:formFields>' }]\n", "customers[0].accounts[0].returns[0].filed: '15/1/2024' is not a date (yyyy-MM-dd)")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132EMP001\n        returns: [{ pay_day: \"2024-01-15\", submission_key: 11, filed: \"2999-01-01\", form_fields: '<e:formFields xmlns:e=\"urn:www.ird.govt.nz/GWS:types/ReturnEI.v2\"><e:payDayDate>2024-01-15</e:payDayDate><e:employeeFields/></e:formFields>' }]\n", "customers[0].accounts[0].returns[0].filed: 2999-01-01 is after today (")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132GST001\n        gst: { frequency: GST2M1, first_period: \"2024-01-31\" }\n        returns: [{ period: \"2024-01-31\", submission_key: 10, filed: \"2024-02-28\", form_fields: x }]\n", "customers[0].accounts[0].returns[0].filed: only an Employment Information return has a filing date here")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132EMP001\n        employees:\n          - { ird: \"136410133\", name: { first: A }, tax_codes: [M] }\n", "customers[0].accounts[0].employees[0].ird: '136410133' is not a valid IRD number")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132EMP001\n        employees:\n          - { ird: \"123074610\", tax_codes: [M] }\n", "customers[0].accounts[0].employees[0].name is required")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132EMP001\n        employees:\n          - { ird: \"123074610\", name: { first: A }, tax_codes: [M, ESS] }\n", "customers[0].accounts[0].employees[0].tax_codes: up to four of")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132EMP001\n        employees:\n          - { ird: \"123074610\", name: { first: A }, tax_codes: [M, ME] }\n", "customers[0].accounts[0].employees[0].tax_codes: two primary tax codes")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132EMP001\n        employees:\n          - { ird: \"123074610\", name: { first: A }, tax_codes: [M], start: \"2020-05-01\", finish: \"2020-04-30\" }\n", "customers[0].accounts[0].employees[0].finish: before the start")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132EMP001\n        employees:\n          - { ird: \"123074610\", name: { first: A }, tax_codes: [M], start: 1/5/2020 }\n", "customers[0].accounts[0].employees[0].start: '1/5/2020' is not a date (YYYY-MM-DD)")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132EMP001\n        employees:\n          - { ird: \"123074610\", name: { first: A }, tax_codes: [M], details: { shoeSize: 9 } }\n", "customers[0].accounts[0].employees[0].details.shoeSize: not a detail the Employment service keeps")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132EMP001\n        employees:\n          - { ird: \"123074610\", name: { first: A }, tax_codes: [M], start: \"2020-01-01\" }\n          - { ird: \"123074610\", name: { first: A }, tax_codes: [S], start: \"2020-06-01\" }\n", "customers[0].accounts[0].employees[1]: overlaps the line of 123074610 starting 2020-01-01")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132GST001\n        employees: [{ ird: \"123074610\", name: { first: A }, tax_codes: [M] }]\n", "customers[0].accounts[0].employees: only an EMP account has employees and events, not GST")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132EMP001\n        events:\n          - { eventID: \"1\", type: NOPE, created: \"2021-01-01T00:00:00\" }\n", "customers[0].accounts[0].events[0].type: one of IR's event types")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132EMP001\n        events:\n          - { eventID: \"1\", type: ICIDEN, created: \"2021-01-01\" }\n", "customers[0].accounts[0].events[0].created: '2021-01-01' is not a time as IR writes it")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132EMP001\n        events:\n          - { eventID: \"1\", type: ICIDEN, created: \"2021-01-01T00:00:00\", colour: red }\n", "customers[0].accounts[0].events[0].colour: not a field of IR's Event")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    name: X\n    accounts:\n      - id: 136410132EMP001\n        events:\n          - { eventID: \"1\", type: ICIDEN, created: \"2021-01-01T00:00:00\" }\n          - { eventID: \"1\", type: ICIDEN, created: \"2021-01-02T00:00:00\" }\n", "customers[0].accounts[0].events[1].eventID: 1 is used twice for this account")]
    public async Task Seed_Mistakes_AreReportedWithTheirPlace_AndNothingIsApplied(string yaml, string message)
    {
        var file = Write("bad.yaml", "users:\n  - logon: BeforeTheMistake\n    password: x\n" + yaml.Replace("users:\n", string.Empty, StringComparison.Ordinal));
        var options = new Waharoa.Server.Hosting.WaharoaOptions { DataDirectory = Path.Combine(_folder, "data-" + Guid.NewGuid().ToString("N")), DesktopPort = 0, CloudPort = 0 };
        options.SeedFiles.Add(file);

        var error = await Assert.ThrowsAsync<SeedException>(() => Waharoa.Server.Hosting.WaharoaServer.StartAsync(options, configureLogging: l => l.ClearProviders()));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(file, error.Message, StringComparison.Ordinal);
        await using var host = await WaharoaTestHost.StartAsync(dataDirectory: options.DataDirectory);
        Assert.Null(await host.Server.Services.GetRequiredService<IUserStore>().FindUserAsync("BeforeTheMistake", default));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
