using System.Text;
using System.Xml.Linq;
using Waharoa.Testing;
using Waharoa.Tests.Intermediation;
using static Waharoa.Tests.Employment.EmploymentCalls;

namespace Waharoa.Tests.Employment;

/// <summary>
/// IR's Event samples (ES-Events-Sample-Payloads.csv, mock test IDs ES-01 to ES-16): each request, replayed against the
/// demo data (IR's events for 123068858 and 139494210) through the gateway, gets its sample response. ES-15's
/// "future" eventFrom (2025-02-01) has since passed: it is replayed with tomorrow's date.
/// </summary>
public sealed class EmploymentEventTests
{
    public static TheoryData<string> SampleIds => new(Samples().Keys);

    [Theory]
    [MemberData(nameof(SampleIds))]
    public async Task Event_Sample_GetsTheSampleResponse(string id)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var (request, response) = Samples()[id];
        if (id == "ES-15")
        {
            request.Descendants(Emp + "eventFrom").Single().Value = DaysFromToday(1);
        }

        var answer = await calls.SendAsync(DemoLogon, request);

        // IR's errorDescription is its own validator's text (ES-13): that the particulars are there is what compares.
        var expected = response.Root!;
        if (expected.Descendants(Cmn + "errorDescription").SingleOrDefault() is { } description)
        {
            Assert.False(string.IsNullOrWhiteSpace(answer.ErrorDescription));
            description.Value = answer.ErrorDescription!;
        }

        XmlShape.AssertEquivalent(expected, answer.Document.Root!);
    }

    [Fact]
    public async Task Event_OneTypeOfOneEmployee_OnlyThoseEvents()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var request = Samples()["ES-01"].Request;
        var from = request.Descendants(Emp + "eventFrom").Single();
        from.AddBeforeSelf(new XElement(Emp + "employeeIRD", "139468775"));
        from.AddAfterSelf(new XElement(Emp + "eventType", "CSDEDC"));

        var answer = (await calls.SendAsync(DemoLogon, request)).AssertStatus(0);

        var only = Assert.Single(answer.Payload.Element(Emp + "events")!.Elements(Emp + "event"));
        Assert.Equal("1004762417174", only.Element(Emp + "eventID")!.Value);
    }

    [Fact]
    public async Task Event_ByAViewOnlyLogonAndThePayrollIntermediary_Listed_ByAStranger_Status4()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var request = Samples()["ES-01"].Request;

        (await calls.SendAsync("PaydayViewer", request)).AssertStatus(0);
        (await calls.SendAsync("PaydayIntermediary", request)).AssertStatus(0);
        (await calls.SendAsync("PaydayUnauthorised", request)).AssertStatus(4, "Unauthorised delegation");
    }

    /// <summary>The CSV's rows by mock test ID: request and response.</summary>
    private static Dictionary<string, (XDocument Request, XDocument Response)> Samples()
    {
        var text = File.ReadAllText(SpecFiles.Path("ir-returns", "payday-filing", "employee-details", "sample messages", "ES-Events-Sample-Payloads.csv"));
        return Rows(text).Where(r => r.Count >= 5 && r[1].StartsWith("ES-", StringComparison.Ordinal))
            .ToDictionary(r => r[1], r => (Xml(r[3]), Xml(r[4])));
    }

    /// <summary>A cell's XML; two of IR's responses (ES-12, ES-14) have a stray <c>]</c> after the envelope.</summary>
    private static XDocument Xml(string cell) => XDocument.Parse(cell[..(cell.LastIndexOf('>') + 1)].Trim());

    /// <summary>RFC 4180 rows: fields in double quotes may hold commas, line breaks and doubled quotes.</summary>
    private static IEnumerable<List<string>> Rows(string text)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                yield return row;
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        row.Add(field.ToString());
        yield return row;
    }
}
