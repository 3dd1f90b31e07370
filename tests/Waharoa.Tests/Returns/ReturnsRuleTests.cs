using System.Xml.Linq;
using Waharoa.Testing;
using static Waharoa.Tests.Returns.ReturnAnswer;

namespace Waharoa.Tests.Returns;

/// <summary>The build pack's rules for GST returns: access levels, duplicates, amendments, periods, forms, obligations.</summary>
public sealed class ReturnsRuleTests
{
    private const string Customer = ReturnsCalls.DemoUser;

    [Fact]
    public async Task ViewAccess_ReadsButCannotFile_FileAccessFiles()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var viewerPrepop = await calls.SendAsync("GstViewer", Prepop("123090918", "2017-07-31"));
        var viewerFiles = await calls.SendAsync("GstViewer", File101A("123090918", "2017-07-31"));
        var filerFiles = await calls.SendAsync("GstFiler", File101A("123090918", "2017-07-31"));
        var agentViewPrepop = await calls.SendAsync("GstAgentView", Prepop("123080106", "2017-07-31"));
        var agentViewFiles = await calls.SendAsync("GstAgentView", File101A("123080106", "2017-07-31"));

        viewerPrepop.AssertStatus(0);
        Assert.Equal("Unauthorised Delegation", viewerFiles.AssertStatus(4).ErrorMessage);
        filerFiles.AssertStatus(0);
        agentViewPrepop.AssertStatus(0);
        agentViewFiles.AssertStatus(4);
    }

    [Fact]
    public async Task FileTwice_SecondIsDuplicate107_AndTheFirstStands()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);
        var first = (await calls.SendAsync(Customer, File101A("123039858", "2017-07-31"))).AssertStatus(0);

        var second = await calls.SendAsync(Customer, File101A("123039858", "2017-07-31", totalSales: "5.00"));

        Assert.Equal("Duplicate return", second.AssertStatus(107).ErrorMessage);
        var status = await calls.SendAsync(Customer, Read("body-gst-returnstatus-request.xml", "123039858", "2017-07-31"));
        Assert.Equal(first.SubmissionKey, status.AssertStatus(0).SubmissionKey);
        var filed = await calls.SendAsync(Customer, Read("body-gst-retrievereturn-request.xml", "123039858", "2017-07-31"));
        Assert.Equal("1000.00", filed.Body!.Descendants(Gst + "totalSales").Single().Value);
    }

    [Fact]
    public async Task Amendment_KeepsTheSubmissionKey_ReplacesTheFields_StatusAmended()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);
        var first = (await calls.SendAsync(Customer, File101A("123039858", "2017-07-31"))).AssertStatus(0);

        var amended = await calls.SendAsync(Customer, File101A("123039858", "2017-07-31", totalSales: "2500.00", amend: ("KEY", "Client withheld receipts")));

        Assert.Equal(first.SubmissionKey, amended.AssertStatus(0).SubmissionKey);
        Assert.NotEqual(first.Body!.Element(Rc + "gatewayId")!.Value, amended.Body!.Element(Rc + "gatewayId")!.Value);
        var status = (await calls.SendAsync(Customer, Read("body-gst-returnstatus-request.xml", "123039858", "2017-07-31"))).AssertStatus(0).Body!.Element(Rc + "status")!;
        Assert.Equal(("AMN", "Amended"), ((string)status.Attribute("code")!, status.Value));
        var filed = await calls.SendAsync(Customer, Read("body-gst-retrievereturn-request.xml", "123039858", "2017-07-31"));
        Assert.Equal("2500.00", filed.AssertStatus(0).Body!.Descendants(Gst + "totalSales").Single().Value);
    }

    [Theory]
    [InlineData("no original", null, "KEY", "details", 103)]
    [InlineData("unknown reason", "file first", "TYPO", "details", 101)]
    [InlineData("no details", "file first", "MATH", "", 101)]
    public async Task Amendment_Refused(string because, string? fileFirst, string reason, string details, int status)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);
        if (fileFirst is not null)
        {
            (await calls.SendAsync(Customer, File101A("123039858", "2017-07-31"))).AssertStatus(0);
        }

        var answer = await calls.SendAsync(Customer, File101A("123039858", "2017-07-31", amend: (reason, details)));

        Assert.True(answer.StatusCode == status, $"{because}: {answer.Document}");
    }

    [Fact]
    public async Task NewReturnWithAnAmendReason_Refused101()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);
        var request = File101A("123039858", "2017-07-31");
        request.Descendants(Rc + "amendReason").Single().Value = "KEY";

        var answer = await calls.SendAsync(Customer, request);

        Assert.StartsWith("Unable to file return: amendReason and amendDetails must be empty", answer.AssertStatus(101).ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a GST103C customer filing GST101A", "123084226", "101A", "this customer files GST103C")]
    [InlineData("a GST101A customer filing GST103C", "123039858", "103C", "this customer files GST101A")]
    public async Task WrongFormForTheCustomer_Refused101(string because, string ird, string form, string particulars)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var answer = await calls.SendAsync(Customer, ReturnsCalls.Sample($"body-gst-returnfile-request-GST{form}.xml", identifier: ird, period: "2017-07-31"));

        Assert.True(answer.StatusCode == 101, $"{because}: {answer.Document}");
        Assert.Contains(particulars, answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a period end of a two-monthly (odd months) customer", "2017-06-30")]
    [InlineData("not the last day of the month", "2017-07-30")]
    [InlineData("before the customer's first period", "2017-03-31")]
    [InlineData("a period that has not ended", "2099-07-31")]
    public async Task File_NotAFilingPeriod_Refused104(string because, string period)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var answer = await calls.SendAsync(Customer, File101A("123039858", period));

        Assert.True(answer.StatusCode == 104, $"{because}: {answer.Document}");
        Assert.StartsWith("Invalid filing period", answer.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>A period whose due date the calendar cannot hold (IR's DateType allows 9999-12-31) is not a filing period, not a fault.</summary>
    [Fact]
    public async Task Prepop_PeriodInDecember9999_Refused104()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var answer = await calls.SendAsync(Customer, Prepop("123084226", "9999-12-31"));

        answer.AssertStatus(104);
    }

    /// <summary>Tools that declare every prefix on the envelope (the <c>xsi:type</c> value's among them) are served alike.</summary>
    [Fact]
    public async Task File_PrefixesDeclaredOnTheEnvelope_Filed()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);
        var request = File101A("123039858", "2017-07-31");
        var formFields = request.Descendants(Rc + "formFields").Single();
        var xsi = XNamespace.Get("http://www.w3.org/2001/XMLSchema-instance");
        var prefix = ((string)formFields.Attribute(xsi + "type")!).Split(':')[0];
        var uri = formFields.GetNamespaceOfPrefix(prefix)!.NamespaceName;
        foreach (var declaration in request.Descendants().Attributes().Where(a => a.IsNamespaceDeclaration && a.Name.LocalName == prefix).ToList())
        {
            declaration.Remove();
        }

        request.Root!.SetAttributeValue(XNamespace.Xmlns + prefix, uri);
        Assert.Contains($"xmlns:{prefix}=", request.Root.ToString(SaveOptions.DisableFormatting).Split('>')[0], StringComparison.Ordinal);

        var answer = await calls.SendAsync(Customer, request);

        answer.AssertStatus(0);
    }

    [Theory]
    [InlineData("139519167GST005")]
    [InlineData("139-519-167-GST005")]
    public async Task ClosedAccount_ByAccIdentifier_WithOrWithoutSeparators_HasNoObligations(string accountId)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);
        var request = ReturnsCalls.Sample("body-gst-filingobligation-request.xml", identifier: accountId, identifierType: "ACC");

        var answer = await calls.SendAsync(Customer, request);

        answer.AssertStatus(105);
    }

    [Fact]
    public async Task Obligations_FilingAPeriodRemovesIt_FilingAllGives105()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        (await calls.SendAsync(Customer, File101A("123039858", "2017-07-31"))).AssertStatus(0);
        var after = await calls.SendAsync(Customer, ReturnsCalls.Sample("body-gst-filingobligation-request.xml"));
        (await calls.SendAsync(Customer, File101A("123039858", "2017-05-31"))).AssertStatus(0);
        var none = await calls.SendAsync(Customer, ReturnsCalls.Sample("body-gst-filingobligation-request.xml"));

        Assert.Equal(["2017-05-31"], after.AssertStatus(0).Body!.Elements(Rc + "filingObligation").Select(o => o.Element(Rc + "periodEndDate")!.Value));
        Assert.Equal("No filing obligations found", none.AssertStatus(105).ErrorMessage);
    }

    /// <summary>RetrieveStatus of an unfiled period IR expects a return for shows it overdue, without a key; of one it does not, 103.</summary>
    [Fact]
    public async Task RetrieveStatus_NothingFiled_OverdueWhenOutstanding_Else103()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var outstanding = await calls.SendAsync(Customer, Read("body-gst-returnstatus-request.xml", "123039858", "2017-07-31"));
        var notExpected = await calls.SendAsync(Customer, Read("body-gst-returnstatus-request.xml", "123039858", "2017-09-30"));
        var noReturn = await calls.SendAsync(Customer, Read("body-gst-retrievereturn-request.xml", "123039858", "2017-07-31"));

        Assert.Equal(("OVERDU", false), outstanding.AssertStatus(0).ReturnStatus);
        Assert.Equal("Overdue", outstanding.Body!.Element(Rc + "status")!.Value);
        Assert.Equal("No return found", notExpected.AssertStatus(103).ErrorMessage);
        noReturn.AssertStatus(103);
    }

    [Theory]
    [InlineData("majorFormType of a return type this sandbox does not file", "INC", "INC", 106)]
    [InlineData("accountType other than majorFormType", "INC", "GST", 102)]
    public async Task Prepop_OtherReturnTypes(string because, string accountType, string majorFormType, int status)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);
        var request = Prepop("123039858", "2017-07-31");
        request.Descendants(Cmn + "accountType").Single().Value = accountType;
        request.Descendants(Rc + "majorFormType").Single().Value = majorFormType;

        var answer = await calls.SendAsync(Customer, request);

        Assert.True(answer.StatusCode == status, $"{because}: {answer.Document}");
    }

    [Fact]
    public async Task NilWrapper_SchemaValidButEmpty_100()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);
        var request = Prepop("123039858", "2017-07-31");
        var wrapper = request.Descendants().Single(e => e.Name.LocalName == "PrepopRequestWrapper");
        wrapper.RemoveNodes();
        wrapper.SetAttributeValue(XName.Get("nil", "http://www.w3.org/2001/XMLSchema-instance"), "true");

        var answer = await calls.SendAsync(Customer, request);

        Assert.Equal("Invalid request data", answer.AssertStatus(100).ErrorMessage);
    }

    private static XDocument Prepop(string ird, string period) => ReturnsCalls.Sample("body-gst-returnprepop-request.xml", identifier: ird, period: period);

    private static XDocument Read(string file, string ird, string period) => ReturnsCalls.Sample(file, identifier: ird, period: period);

    /// <summary>IR's GST101A File sample for <paramref name="ird"/> and <paramref name="period"/>, optionally with other sales or as an amendment.</summary>
    private static XDocument File101A(string ird, string period, string? totalSales = null, (string Reason, string Details)? amend = null)
    {
        var request = ReturnsCalls.Sample("body-gst-returnfile-request-GST101A.xml", identifier: ird, period: period);
        if (totalSales is not null)
        {
            request.Descendants(Gst + "totalSales").Single().Value = totalSales;
        }

        if (amend is { } a)
        {
            request.Descendants(Rc + "isAmended").Single().Value = "true";
            request.Descendants(Rc + "amendReason").Single().Value = a.Reason;
            request.Descendants(Rc + "amendDetails").Single().Value = a.Details;
        }

        return request;
    }
}
