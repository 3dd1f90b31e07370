using System.Xml.Linq;
using Waharoa.Testing;
using Waharoa.Tests.Intermediation;

namespace Waharoa.Tests.Employment;

/// <summary>
/// Calls the Employment service as payroll software would: SOAP 1.2 on the cloud endpoint with an OAuth access token of
/// a myIR logon, with requests built as IR's samples build them.
/// </summary>
internal sealed class EmploymentCalls(WaharoaEndpoints host, IntermediationCalls? soap = null) : IDisposable
{
    public const string CloudPath = "/gateway/gws/employment/v2/";

    /// <summary>The demo user, who owns IR's mock employers (as any user reaches IR's mock data).</summary>
    public const string DemoLogon = "TR24573773";

    /// <summary>The demo employer of IR's Event samples, whom the payday logons below act for.</summary>
    public const string Employer = "123068858";

    public static readonly XNamespace Soap = EmploymentAnswer.Soap;
    public static readonly XNamespace Wsa = "http://www.w3.org/2005/08/addressing";
    public static readonly XNamespace Service = "https://services.ird.govt.nz/GWS/Employment/v2/";
    public static readonly XNamespace Emp = EmploymentAnswer.Emp;
    public static readonly XNamespace Cmn = EmploymentAnswer.Cmn;

    private readonly IntermediationCalls _soap = soap ?? new(host);

    public WaharoaEndpoints Host => host;

    public Task<string> BearerForAsync(string logon) => _soap.BearerForAsync(logon);

    /// <summary>Posts <paramref name="envelope"/> as <paramref name="logon"/> and returns the SOAP response (HTTP 200 expected).</summary>
    public async Task<EmploymentAnswer> SendAsync(string logon, XDocument envelope, string path = CloudPath) =>
        new((await _soap.SendAsync(logon, envelope, path)).Document);

    public Task<HttpResponseMessage> PostAsync(string body, string? authorization, string path = CloudPath) => _soap.PostAsync(body, authorization, path);

    /// <summary>IR's ED sample message <paramref name="file"/>.</summary>
    public static XDocument Sample(string file) =>
        XDocument.Load(SpecFiles.Path("ir-returns", "payday-filing", "employee-details", "sample messages", file));

    /// <summary>A request envelope as IR's samples frame it: the action header, then Op/OpRequestMsg/wrapper/payload.</summary>
    public static XDocument Envelope(string operation, XElement payload)
    {
        var wrapper = (operation == "Event" ? "EmploymentEvent" : operation) + "RequestWrapper";
        XNamespace wrapperNs = Service.NamespaceName + ":types/" + operation + "Request";
        return new XDocument(new XElement(
            Soap + "Envelope",
            new XElement(Soap + "Header", new XElement(Wsa + "Action", Service.NamespaceName + "Employment/" + operation)),
            new XElement(Soap + "Body", new XElement(Service + operation, new XElement(Service + (operation + "RequestMsg"), new XElement(wrapperNs + wrapper, payload))))));
    }

    public static XElement Header(string identifier = Employer, string identifierType = "ACCIRD", string? accountType = "EMP") => new(
        Emp + "header",
        new XElement(Cmn + "softwareProviderData",
            new XElement(Cmn + "softwareProvider", "Waharoa tests"),
            new XElement(Cmn + "softwarePlatform", "Payroll"),
            new XElement(Cmn + "softwareRelease", "1.0")),
        new XElement(Cmn + "identifier", new XAttribute("IdentifierValueType", identifierType), identifier),
        accountType is null ? null : new XElement(Cmn + "accountType", accountType));

    /// <summary>A Create request for <paramref name="employee"/> with <paramref name="employer"/>.</summary>
    public static XDocument Create(Employee employee, string employer = Employer) => Envelope("Create", new XElement(
        Emp + "createRequest",
        Header(employer),
        new XElement(Emp + "createBody",
            new XElement(Emp + "employeeIRD", employee.Ird),
            employee.NameElement(),
            new XElement(Emp + "employeeNameOnEILine", employee.NameOnEiLine),
            employee.TaxCodesElement(),
            Optional("employmentStartDate", employee.Start),
            Optional("employmentFinishDate", employee.Finish),
            Optional("employeeDateOfBirth", employee.Birth),
            Optional("kiwiSaverStatus", employee.KiwiSaverStatus),
            Optional("employeeKiwiSaverEligibility", employee.Eligibility),
            Optional("employeeExemptIncome", employee.ExemptIncome))));

    /// <summary>An Update request: the line <paramref name="key"/> identifies gets <paramref name="employee"/>'s fields and <paramref name="optOut"/>'s.</summary>
    public static XDocument Update(EmployeeKey key, Employee employee, OptOut? optOut = null, bool validRelationship = true, string employer = Employer) => Envelope("Update", new XElement(
        Emp + "updateRequest",
        Header(employer),
        key.Element(),
        new XElement(Emp + "updateBody",
            new XElement(Emp + "employeeIRD", employee.Ird),
            employee.NameElement(),
            new XElement(Emp + "employeeNameOnEILine", employee.NameOnEiLine),
            new XElement(Emp + "employmentStartDate", employee.Start),
            Optional("employeeDateOfBirth", employee.Birth),
            employee.TaxCodesElement(),
            Optional("employeeKiwiSaverEligibility", employee.Eligibility),
            optOut?.Elements(),
            new XElement(Emp + "validRelationship", validRelationship ? "true" : "false"),
            Optional("lateOptOutReason", optOut?.LateReason),
            Optional("otherLateOptOutReason", optOut?.OtherReason))));

    public static XDocument Terminate(EmployeeKey key, string finish, string employer = Employer) => Envelope("Terminate", new XElement(
        Emp + "terminateRequest",
        Header(employer),
        key.Element(),
        new XElement(Emp + "terminateBody", new XElement(Emp + "employmentFinishDate", finish))));

    public static XDocument RetrieveList(string? employeeIrd = null, string employer = Employer) => Envelope("RetrieveList", new XElement(
        Emp + "retrieveListRequest",
        Header(employer),
        new XElement(Emp + "retrieveListBody", Optional("employeeIRD", employeeIrd))));

    /// <summary>Today in New Zealand, the day the service counts KiwiSaver's opt-out weeks and future birth dates by.</summary>
    public static DateOnly NewZealandToday()
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById("Pacific/Auckland", out var nz) ? nz : TimeZoneInfo.CreateCustomTimeZone("NZST", TimeSpan.FromHours(12), "NZST", "NZST");
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
    }

    /// <summary>A date as IR writes it, <paramref name="days"/> from New Zealand's today.</summary>
    public static string DaysFromToday(int days) => Text(NewZealandToday().AddDays(days));

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static XElement? Optional(string name, string? value) => value is null ? null : new XElement(Emp + name, value);

    public void Dispose() => _soap.Dispose();
}
