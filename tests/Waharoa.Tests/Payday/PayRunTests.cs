using System.Xml.Linq;
using Waharoa.Testing;
using Waharoa.Tests.Employment;
using Waharoa.Tests.EmploymentInformation;

namespace Waharoa.Tests.Payday;

/// <summary>
/// A pay run end to end, as payroll software does it through the gateway: two employees started with the Employment
/// service, the EI return's Prepop lists them, a return filed for them, one terminated, the next pay day's Prepop without
/// that one, a second return, the first amended, both read back. The server is killed with <c>kill -9</c> twice (after
/// the first return, after the amendment) and everything answered before each kill is there after the restart.
/// </summary>
public abstract class PayRunTests
{
    private const string Logon = "PayRunEmployer";
    private const string Employer = "136100009";
    private const string FirstPayDay = "2025-06-13";
    private const string SecondPayDay = "2025-07-11";

    // The employer, its PAYE account and its own logon: an employer with nobody on its books yet.
    private const string Seed = $"""
        customers:
          - ird: "{Employer}"
            name: Pay Run Test Ltd
            accounts:
              - id: {Employer}EMP001
        users:
          - logon: {Logon}
            password: Password1!
            owns: ["{Employer}"]
        """;

    // EI v2 returns are processed at once, so the first can be amended without waiting (IR: within five minutes).
    private const string Configuration = """{ "Waharoa": { "Sandbox": { "EiProcessingTime": "00:00:00" } } }""";

    private static readonly Employee Aroha = new("136100017", "Aroha Ngata", "2025-06-02") { First = "Aroha", Surname = "Ngata" };
    private static readonly Employee Ben = new("136100025", "Ben Tait", "2025-06-02") { First = "Ben", Surname = "Tait", TaxCodes = ["MSL"] };

    /// <summary>The arguments that put the server on the store under test.</summary>
    protected abstract string[] StoreArguments { get; }

    [Fact]
    public async Task PayRun_StartFileTerminateAmend_SurvivesKillAndRestart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "waharoa-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var data = Path.Combine(folder, "data");
        var seed = Path.Combine(folder, "payrun.yaml");
        var configuration = Path.Combine(folder, "waharoa.json");
        await File.WriteAllTextAsync(seed, Seed);
        await File.WriteAllTextAsync(configuration, Configuration);
        string[] arguments = ["--seed", seed, "--config", configuration, .. StoreArguments];
        try
        {
            long first;
            await using (var server = await WaharoaProcess.StartAsync(data, extraArguments: arguments))
            {
                using var ed = new EmploymentCalls(server);
                using var ei = new EiCalls(server);
                (await ed.SendAsync(Logon, EmploymentCalls.Create(Aroha, Employer))).AssertStatus(0);
                (await ed.SendAsync(Logon, EmploymentCalls.Create(Ben, Employer))).AssertStatus(0);

                var prepop = (await ei.SendAsync(Logon, EiCalls.Prepop(Employer, FirstPayDay))).AssertStatus(0);
                Assert.Equal([(Aroha.Ird, "Aroha Ngata", "M"), (Ben.Ird, "Ben Tait", "MSL")], prepop.Employees.OrderBy(e => e.Ird));

                first = (await ei.SendAsync(Logon, EiCalls.File(Employer, FirstPayDay, FirstReturnLines(arohaGross: 2000m)))).AssertStatus(0).SubmissionKey;
                server.KillHard();
            }

            long second;
            await using (var server = await WaharoaProcess.StartAsync(data, extraArguments: arguments))
            {
                using var ed = new EmploymentCalls(server);
                using var ei = new EiCalls(server);
                Assert.Equal(2, (await ei.SendAsync(Logon, EiCalls.Retrieve(Employer, FirstPayDay, first))).AssertStatus(0).Lines.Count);

                (await ed.SendAsync(Logon, EmploymentCalls.Terminate(Ben.Key, "2025-06-20", Employer))).AssertStatus(0);
                var next = (await ei.SendAsync(Logon, EiCalls.Prepop(Employer, SecondPayDay))).AssertStatus(0);
                Assert.Equal([(Aroha.Ird, "Aroha Ngata", "M")], next.Employees);

                second = (await ei.SendAsync(Logon, EiCalls.File(Employer, SecondPayDay, [ArohaLine(SecondPayDay, "july-aroha", 2000m)]))).AssertStatus(0).SubmissionKey;
                var amended = await ei.SendAsync(Logon, EiCalls.File(Employer, FirstPayDay, FirstReturnLines(arohaGross: 2400m), amends: first, reverseReplace: true));
                Assert.Equal(first, amended.AssertStatus(0).SubmissionKey);
                server.KillHard();
            }

            await using (var server = await WaharoaProcess.StartAsync(data, extraArguments: arguments))
            {
                using var ed = new EmploymentCalls(server);
                using var ei = new EiCalls(server);

                var status = (await ei.SendAsync(Logon, EiCalls.Status(Employer, FirstPayDay, first))).AssertStatus(0);
                Assert.Equal([("AMN", first, "EI2")], status.Statuses);

                var june = (await ei.SendAsync(Logon, EiCalls.Retrieve(Employer, FirstPayDay, first))).AssertStatus(0).Lines;
                Assert.Equal([(Aroha.Ird, "2400"), (Ben.Ird, "2500")], june.Select(l => (Field(l, "irdNumber"), Field(l, "grossEarnings"))));
                var july = (await ei.SendAsync(Logon, EiCalls.Retrieve(Employer, SecondPayDay, second))).AssertStatus(0).Lines;
                Assert.Equal([(Aroha.Ird, "2000")], july.Select(l => (Field(l, "irdNumber"), Field(l, "grossEarnings"))));

                Assert.Equal([Aroha.Ird], (await ei.SendAsync(Logon, EiCalls.Prepop(Employer, SecondPayDay))).AssertStatus(0).Employees.Select(e => e.Ird));
                Assert.Equal([Aroha.Ird, Ben.Ird], (await ei.SendAsync(Logon, EiCalls.Prepop(Employer, FirstPayDay))).AssertStatus(0).Employees.Select(e => e.Ird).Order());

                var list = (await ed.SendAsync(Logon, EmploymentCalls.RetrieveList(employer: Employer))).AssertStatus(0).Employees;
                var finishes = list.ToDictionary(e => EmploymentAnswer.Field(e, "employeeIRD")!, e => EmploymentAnswer.Field(e, "employmentFinishDate"));
                Assert.Equal(new Dictionary<string, string?> { [Aroha.Ird] = null, [Ben.Ird] = "2025-06-20" }, finishes);
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static XElement[] FirstReturnLines(decimal arohaGross) =>
    [
        ArohaLine(FirstPayDay, "june-aroha", arohaGross),
        EiCalls.Line("june-ben", Ben.Ird, "Ben Tait", "MSL", gross: 2500m, paye: 520m, payDay: FirstPayDay),
    ];

    private static XElement ArohaLine(string payDay, string referenceId, decimal gross) =>
        EiCalls.Line(referenceId, Aroha.Ird, "Aroha Ngata", "M", gross: gross, payDay: payDay);

    private static string? Field(XElement line, string name) => line.Element(EiAnswer.Ei + name)?.Value;
}

/// <summary>The pay run on the embedded SQLite store.</summary>
public sealed class SqlitePayRunTests : PayRunTests
{
    protected override string[] StoreArguments => [];
}

/// <summary>The pay run on PostgreSQL.</summary>
public sealed class PostgresPayRunTests : PayRunTests, IAsyncLifetime
{
    private PostgresDatabase? _database;

    protected override string[] StoreArguments => _database!.StoreArguments;

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database!.DisposeAsync();
}
