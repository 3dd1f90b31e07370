using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Testing;
using Waharoa.Tests.Employment;
using static Waharoa.Tests.EmploymentInformation.EiAnswer;
using static Waharoa.Tests.EmploymentInformation.EiCalls;

namespace Waharoa.Tests.EmploymentInformation;

/// <summary>
/// A pay run across both payday services and one employer ledger: two employees started through the Employment service
/// are in EI's Prepop; the return is filed; one employee is terminated and the next month's Prepop shows the other
/// only; the first return is amended and both returns are read back after the server restarts on the same data.
/// </summary>
/// <remarks>
/// The server runs in process on a clock the test moves (an EI2 return is amended once processed, five minutes after
/// filing), and restarts gracefully; <see cref="EiCrashTests"/> kills a real server process instead.
/// </remarks>
public sealed class PayRunTests
{
    private const string Employer = EmploymentCalls.Employer;

    [Fact]
    public async Task PayRun_StartFileTerminateAmendRestart_EverythingReadsBack()
    {
        var data = Path.Combine(Path.GetTempPath(), "waharoa-test-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ann = new Employee("136000128", "Ann Able", "2025-05-05") { First = "Ann", Surname = "Able" };
        var ben = new Employee("136000136", "Ben Bold", "2025-05-05") { First = "Ben", Surname = "Bold", TaxCodes = ["SA"] };
        try
        {
            long june;
            long july;
            await using (var host = await WaharoaTestHost.StartAsync(time, dataDirectory: data))
            {
                using var employment = new EmploymentCalls(host);
                using var ei = new EiCalls(host);
                (await employment.SendAsync(DemoUser, EmploymentCalls.Create(ann))).AssertStatus(0);
                (await employment.SendAsync(DemoUser, EmploymentCalls.Create(ben))).AssertStatus(0);

                var prepop = await ei.SendAsync(DemoUser, Prepop(Employer, "2025-06-13"));
                Assert.Equal([("136000128", "Ann Able", "M"), ("136000136", "Ben Bold", "SA")], prepop.AssertStatus(0).Employees);

                june = (await ei.SendAsync(DemoUser, File(Employer, "2025-06-13", [Line("ann", ann.Ird, "Ann Able"), Line("ben", ben.Ird, "Ben Bold", "SA")])))
                    .AssertStatus(0).SubmissionKey;
                (await employment.SendAsync(DemoUser, EmploymentCalls.Terminate(ben.Key, "2025-06-30"))).AssertStatus(0);

                var next = await ei.SendAsync(DemoUser, Prepop(Employer, "2025-07-11"));
                Assert.Equal([("136000128", "Ann Able", "M")], next.AssertStatus(0).Employees);

                time.Advance(TimeSpan.FromMinutes(6));
                (await ei.SendAsync(DemoUser, File(Employer, "2025-06-13", [Line("ann", ann.Ird, "Ann Able", gross: 2250m)], amends: june))).AssertStatus(0);
                july = (await ei.SendAsync(DemoUser, File(Employer, "2025-07-11", [Line("ann", ann.Ird, "Ann Able", payDay: "2025-07-11")]))).AssertStatus(0).SubmissionKey;
            }

            await using var again = await WaharoaTestHost.StartAsync(time, dataDirectory: data);
            using var calls = new EiCalls(again);
            var first = await calls.SendAsync(DemoUser, Retrieve(Employer, "2025-06-13", june));
            var second = await calls.SendAsync(DemoUser, Retrieve(Employer, "2025-07-11", july));

            Assert.Equal([("ann", "2250"), ("ben", "2000")], first.AssertStatus(0).Lines.Select(l => (Field(l, "referenceId"), Field(l, "grossEarnings"))));
            Assert.Equal(july.ToString(CultureInfo.InvariantCulture), second.AssertStatus(0).Body!.Element(Ei + "formFields")!.Element(Ei + "submissionKey")!.Value);
            Assert.Equal(["Ann Able"], second.Lines.Select(l => Field(l, "employeeName")));
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
