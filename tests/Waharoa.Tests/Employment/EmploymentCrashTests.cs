using Waharoa.Testing;
using static Waharoa.Tests.Employment.EmploymentCalls;

namespace Waharoa.Tests.Employment;

/// <summary>
/// The employer ledger survives <c>kill -9</c>: once Create, Update and Terminate have answered, the lines are there
/// after a restart, and starting the same employment again is still refused.
/// </summary>
public abstract class EmploymentCrashTests
{
    /// <summary>The arguments that put the server on the store under test.</summary>
    protected abstract string[] StoreArguments { get; }

    [Fact]
    public async Task KilledAfterCreateUpdateTerminate_TheLinesAreThereAfterRestart()
    {
        var data = Path.Combine(Path.GetTempPath(), "waharoa-test-" + Guid.NewGuid().ToString("N"));
        var kept = new Employee("136000128", "Kept On");
        var leaving = new Employee("136000136", "Leaving Soon");
        try
        {
            await using (var first = await WaharoaProcess.StartAsync(data, extraArguments: StoreArguments))
            {
                using var calls = new EmploymentCalls(first);
                (await calls.SendAsync(DemoLogon, Create(kept))).AssertStatus(0);
                (await calls.SendAsync(DemoLogon, Create(leaving))).AssertStatus(0);
                (await calls.SendAsync(DemoLogon, Update(kept.Key, kept with { TaxCodes = ["SASL"] }))).AssertStatus(0);
                (await calls.SendAsync(DemoLogon, Terminate(leaving.Key, "2020-03-31"))).AssertStatus(0);
                first.KillHard();
            }

            await using var second = await WaharoaProcess.StartAsync(data, extraArguments: StoreArguments);
            using var again = new EmploymentCalls(second);
            var listed = (await again.SendAsync(DemoLogon, RetrieveList())).AssertStatus(0).Employees;
            var duplicate = await again.SendAsync(DemoLogon, Create(kept));

            Assert.Equal(["Kept On", "Leaving Soon"], listed.Select(e => EmploymentAnswer.Field(e, "employeeNameOnEILine")));
            Assert.Equal(["SASL"], EmploymentAnswer.TaxCodes(listed[0]));
            Assert.Equal([null, "2020-03-31"], listed.Select(e => EmploymentAnswer.Field(e, "employmentFinishDate")));
            duplicate.AssertStatus(106);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }
}

/// <summary>The crash test on the embedded SQLite store.</summary>
public sealed class SqliteEmploymentCrashTests : EmploymentCrashTests
{
    protected override string[] StoreArguments => [];
}

/// <summary>The crash test on PostgreSQL.</summary>
public sealed class PostgresEmploymentCrashTests : EmploymentCrashTests, IAsyncLifetime
{
    private PostgresDatabase? _database;

    protected override string[] StoreArguments => _database!.StoreArguments;

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database!.DisposeAsync();
}
