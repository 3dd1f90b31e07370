using Waharoa.Testing;
using static Waharoa.Tests.EmploymentInformation.EiAnswer;
using static Waharoa.Tests.EmploymentInformation.EiCalls;

namespace Waharoa.Tests.EmploymentInformation;

/// <summary>
/// Filed EI returns survive <c>kill -9</c>: once File has answered, the new return (with its key, its pay day and the
/// hash the duplicate rule needs), an amendment of a processed return, and the employment the EI line started are all
/// there after a restart.
/// </summary>
public abstract class EiCrashTests
{
    private const string PayDay = "2018-04-10";

    /// <summary>The arguments that put the server on the store under test.</summary>
    protected abstract string[] StoreArguments { get; }

    [Fact]
    public async Task KilledAfterFilingAndAmending_TheReturnsAndTheLedgerAreThereAfterRestart()
    {
        var data = Path.Combine(Path.GetTempPath(), "waharoa-test-" + Guid.NewGuid().ToString("N"));
        var file = File("123041607", PayDay, [Line("new-1", "123028198", "Keith Kalish", payDay: PayDay, start: "2018-04-02")]);
        // 123041607's seeded return 987654321 was processed long ago: its first line is amended by its referenceId.
        var amendment = File("123041607", PayDay, [Line("2a217c08-6f95-11ed", "123110579", "Keith Kalish", gross: 4321m, payDay: PayDay)], amends: 987654321);
        try
        {
            long key;
            await using (var first = await WaharoaProcess.StartAsync(data, extraArguments: StoreArguments))
            {
                using var calls = new EiCalls(first);
                key = (await calls.SendAsync(DemoUser, file)).AssertStatus(0).SubmissionKey;
                (await calls.SendAsync(DemoUser, amendment)).AssertStatus(0);
                first.KillHard();
            }

            await using var second = await WaharoaProcess.StartAsync(data, extraArguments: StoreArguments);
            using var again = new EiCalls(second);
            var statuses = await again.SendAsync(DemoUser, Status("123041607", PayDay, null));
            var amended = await again.SendAsync(DemoUser, Retrieve("123041607", PayDay, 987654321));
            var prepop = await again.SendAsync(DemoUser, Prepop("123041607", PayDay));
            var duplicate = await again.SendAsync(DemoUser, file);

            Assert.Equal([987654321L, key], statuses.AssertStatus(0).Statuses.Select(s => s.Key));
            Assert.Equal("4321", Field(amended.AssertStatus(0).Lines[0], "grossEarnings"));
            // Both employees the EI lines paid are on the employer's records now (neither was before).
            Assert.Equal([("123074610", "Arthur Actinic", "M"), ("123028198", "Keith Kalish", "M"), ("123110579", "Keith Kalish", "M")], prepop.AssertStatus(0).Employees);
            duplicate.AssertStatus(160);
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
public sealed class SqliteEiCrashTests : EiCrashTests
{
    protected override string[] StoreArguments => [];
}

/// <summary>The crash test on PostgreSQL.</summary>
public sealed class PostgresEiCrashTests : EiCrashTests, IAsyncLifetime
{
    private PostgresDatabase? _database;

    protected override string[] StoreArguments => _database!.StoreArguments;

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database!.DisposeAsync();
}
