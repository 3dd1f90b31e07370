using System.Globalization;
using System.Xml.Linq;
using Waharoa.Testing;
using Waharoa.Tests.Intermediation;
using static Waharoa.Tests.EmploymentInformation.EiAnswer;

namespace Waharoa.Tests.EmploymentInformation;

/// <summary>
/// Calls the Return service's Employment Information operations as a payroll DSP would (SOAP 1.2 on the cloud endpoint,
/// an OAuth access token of a myIR logon), building requests from IR's EI sample messages.
/// </summary>
internal sealed class EiCalls(WaharoaEndpoints host, IntermediationCalls? soap = null) : IDisposable
{
    public const string CloudPath = "/gateway/gws/returns/";

    /// <summary>The demo user, who owns IR's mock employers and the EI demo employers.</summary>
    public const string DemoUser = "TR24573773";

    /// <summary>Staff of the demo payroll intermediary 136000233, whose client list links 136000209's EMP account.</summary>
    public const string Intermediary = "EiIntermediary";

    /// <summary>Three current employees, one line each: Mary Mills (M), Oscar Onsible (MSL), Tony Tang (S).</summary>
    public const string Employer = "136000209";

    private readonly IntermediationCalls _soap = soap ?? new(host);

    public Task<HttpResponseMessage> PostAsync(string body, string? authorization) => _soap.PostAsync(body, authorization, CloudPath);

    public async Task<EiAnswer> SendAsync(string logon, XDocument envelope) => new((await _soap.SendAsync(logon, envelope, CloudPath)).Document);

    /// <summary>IR's EI sample message <paramref name="file"/>.</summary>
    public static XDocument Sample(string file) =>
        XDocument.Load(SpecFiles.Path("ir-returns", "payday-filing", "employment-information", "sample messages", file));

    /// <summary>IR's sample request <paramref name="file"/> with the identifier, period, pay day and submission key changed where given (an empty key: removed).</summary>
    public static XDocument Request(string file, string? identifier = null, string? period = null, string? payDay = null, string? submissionKey = null)
    {
        var document = Sample(file);
        if (identifier is not null)
        {
            document.Descendants(Cmn + "identifier").Single().Value = identifier;
        }

        if (period is not null)
        {
            document.Descendants(Rc + "periodEndDate").Single().Value = period;
        }

        if (payDay is not null)
        {
            document.Descendants(Ei + "payDayDate").Single().Value = payDay;
        }

        if (submissionKey is not null)
        {
            var key = document.Descendants(Ei + "submissionKey").SingleOrDefault();
            if (submissionKey.Length == 0)
            {
                key?.Remove();
            }
            else if (key is null)
            {
                document.Descendants(Ei + "payDayDate").Single().AddAfterSelf(new XElement(Ei + "submissionKey", submissionKey));
            }
            else
            {
                key.Value = submissionKey;
            }
        }

        return document;
    }

    /// <summary>A Prepop request (IR's sample) for <paramref name="employer"/> and the pay day <paramref name="payDay"/>.</summary>
    public static XDocument Prepop(string employer, string payDay) => Request("body-ei-returnprepop-request.xml", employer, PeriodOf(payDay), payDay);

    /// <summary>A RetrieveStatus request (IR's sample) for the pay day, by submission key or (null) for all its returns.</summary>
    public static XDocument Status(string employer, string payDay, long? key) =>
        Request("body-ei-returnstatus-request.xml", employer, PeriodOf(payDay), payDay, key?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);

    /// <summary>A RetrieveReturn request (IR's sample) for the pay day, by submission key or (null) for all its returns.</summary>
    public static XDocument Retrieve(string employer, string payDay, long? key) =>
        Request("body-ei-retrievereturn-request.xml", employer, PeriodOf(payDay), payDay, key?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);

    /// <summary>
    /// A File request built on IR's sample: <paramref name="employer"/>'s return for <paramref name="payDay"/> with
    /// <paramref name="lines"/> (none: IR's sample lines), optionally nil, final, or an amendment of <paramref name="amends"/>.
    /// </summary>
    public static XDocument File(
        string employer, string payDay, IEnumerable<XElement>? lines = null, bool nil = false, bool final = false, long? amends = null, bool reverseReplace = false)
    {
        var document = Request("body-ei-returnfile-request.xml", employer, PeriodOf(payDay), payDay);
        var standard = document.Descendants(Rc + "standardFields").Single();
        standard.Element(Rc + "isNilReturn")!.Value = nil ? "true" : "false";
        standard.Element(Rc + "isFinalReturn")!.Value = final ? "true" : "false";
        var formFields = document.Descendants(Rc + "formFields").Single();
        formFields.Element(Ei + "isReverseReplace")!.Value = reverseReplace ? "true" : "false";
        if (amends is { } key)
        {
            var amendment = standard.Element(Rc + "amendmentRequest")!;
            amendment.Element(Rc + "isAmended")!.Value = "true";
            amendment.Element(Rc + "amendReason")!.Value = "KEY";
            amendment.Element(Rc + "amendDetails")!.Value = "Client updated pay information";
            formFields.AddFirst(new XElement(Ei + "submissionKey", key));
        }

        if (lines is not null)
        {
            formFields.Element(Ei + "employeeFields")!.ReplaceNodes(lines);
        }

        return document;
    }

    /// <summary>An employee line in the schema's order, for a fortnight ending on the pay day's eve.</summary>
    public static XElement Line(
        string referenceId, string ird, string name, string taxCode = "M", decimal gross = 2000m, decimal paye = 400m, string frequency = "FT",
        string payDay = "2025-06-13", string? start = null, string? finish = null, string? periodStart = null, string? periodEnd = null,
        decimal? priorGrossAdjustment = null)
    {
        var day = DateOnly.Parse(payDay, CultureInfo.InvariantCulture);
        var line = new XElement(Ei + "employee");
        void Add(string field, object? value)
        {
            if (value is not null)
            {
                line.Add(new XElement(Ei + field, value));
            }
        }

        Add("referenceId", referenceId.Length == 0 ? null : referenceId);
        Add("irdNumber", ird);
        Add("employeeName", name);
        Add("taxCode", taxCode);
        Add("payPeriodStartDate", periodStart ?? day.AddDays(-14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("payPeriodEndDate", periodEnd ?? day.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("employmentStartDate", start);
        Add("employmentFinishDate", finish);
        Add("employeePayFrequency", frequency);
        Add("grossEarnings", gross);
        Add("payeSchedularTaxDeductions", paye);
        Add("kiwisaverEmployerContributions", gross * 0.03m);
        Add("kiwisaverDeductions", gross * 0.03m);
        Add("priorPeriodGrossAdjustment", priorGrossAdjustment);
        return line;
    }

    /// <summary>The period (month end) a pay day falls in.</summary>
    public static string PeriodOf(string payDay)
    {
        var day = DateOnly.Parse(payDay, CultureInfo.InvariantCulture);
        return new DateOnly(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public void Dispose() => _soap.Dispose();
}
