using Waharoa.Testing;
using static Waharoa.Tests.Returns.ReturnAnswer;

namespace Waharoa.Tests.Returns;

/// <summary>
/// A filed return survives <c>kill -9</c>: once File has answered, the return, its submission key and an amendment are
/// there after a restart, and filing the period again is still a duplicate.
/// </summary>
public abstract class ReturnsCrashTests
{
    /// <summary>The arguments that put the server on the store under test.</summary>
    protected abstract string[] StoreArguments { get; }

    [Fact]
    public async Task KilledAfterFilingAndAmending_TheReturnAndItsKeyAreThereAfterRestart()
    {
        var data = Path.Combine(Path.GetTempPath(), "waharoa-test-" + Guid.NewGuid().ToString("N"));
        var file = ReturnsCalls.Sample("body-gst-returnfile-request-GST101A.xml");
        var amendment = ReturnsCalls.Sample("body-gst-returnfile-request-GST101A.xml");
        amendment.Descendants(Rc + "isAmended").Single().Value = "true";
        amendment.Descendants(Rc + "amendReason").Single().Value = "MATH";
        amendment.Descendants(Rc + "amendDetails").Single().Value = "Calculation error";
        amendment.Descendants(Gst + "totalSales").Single().Value = "4321.00";
        try
        {
            long key;
            await using (var first = await WaharoaProcess.StartAsync(data, extraArguments: StoreArguments))
            {
                using var calls = new ReturnsCalls(first);
                key = (await calls.SendAsync(ReturnsCalls.DemoUser, file)).AssertStatus(0).SubmissionKey;
                (await calls.SendAsync(ReturnsCalls.DemoUser, amendment)).AssertStatus(0);
                first.KillHard();
            }

            await using var second = await WaharoaProcess.StartAsync(data, extraArguments: StoreArguments);
            using var again = new ReturnsCalls(second);
            var status = await again.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample("body-gst-returnstatus-request.xml"));
            var filed = await again.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample("body-gst-retrievereturn-request.xml"));
            var duplicate = await again.SendAsync(ReturnsCalls.DemoUser, file);

            Assert.Equal(key, status.AssertStatus(0).SubmissionKey);
            Assert.Equal("AMN", (string)status.Body!.Element(Rc + "status")!.Attribute("code")!);
            Assert.Equal("4321.00", filed.AssertStatus(0).Body!.Descendants(Gst + "totalSales").Single().Value);
            duplicate.AssertStatus(107);
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
public sealed class SqliteReturnsCrashTests : ReturnsCrashTests
{
    protected override string[] StoreArguments => [];
}

/// <summary>The crash test on PostgreSQL.</summary>
public sealed class PostgresReturnsCrashTests : ReturnsCrashTests, IAsyncLifetime
{
    private PostgresDatabase? _database;

    protected override string[] StoreArguments => _database!.StoreArguments;

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database!.DisposeAsync();
}
