using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using static Waharoa.Server.Sandbox.Returns.ReturnsContract;

namespace Waharoa.Server.Sandbox.Returns;

/// <summary>
/// A schema-valid Return service request, read: the header every operation carries (identifier, account type, period,
/// form types), EI's pay day and submission key, and, for File, the standard fields and the form fields as filed.
/// </summary>
internal sealed record ReturnRequest(
    ReturnsVersion Version,
    ReturnOperation Operation,
    string Identifier,
    string IdentifierType,
    string? AccountType,
    DateOnly? PeriodEnd,
    string MajorFormType,
    string? MinorFormType,
    FilingFields? Filing)
{
    /// <summary>EI's pay day (<c>r:payDayDate</c> of a retrieve request), or null.</summary>
    public DateOnly? PayDay { get; init; }

    /// <summary>The submission key a retrieve request names, or null.</summary>
    public long? SubmissionKey { get; init; }

    /// <summary>Reads the operation element (the SOAP body's child); null when its payload is missing (a nil wrapper: code 100).</summary>
    public static ReturnRequest? Read(ReturnsVersion version, ReturnOperation operation, XElement body)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(body);
        XNamespace common = version.Common;
        XNamespace returnCommon = version.ReturnCommon;
        XNamespace form = version.Form;
        var payload = body.Element(MessageElement(operation))?.Elements().FirstOrDefault()?.Elements().FirstOrDefault();
        if (payload is null)
        {
            return null;
        }

        var header = operation == ReturnOperation.File ? payload.Element(returnCommon + "fileHeader") : payload;
        if (header is null)
        {
            return null;
        }

        var identifier = header.Element(common + "identifier")!;
        var period = (string?)header.Element(returnCommon + "periodEndDate");
        FilingFields? filing = null;
        if (operation == ReturnOperation.File)
        {
            var standard = payload.Element(returnCommon + "fileBody")!.Element(returnCommon + "standardFields")!;
            var amendment = standard.Element(returnCommon + "amendmentRequest")!;
            filing = new FilingFields(
                (string?)standard.Element(returnCommon + "isNilReturn") is { } nil && XmlConvert.ToBoolean(nil),
                (string?)standard.Element(returnCommon + "isFinalReturn") is { } final && XmlConvert.ToBoolean(final),
                XmlConvert.ToBoolean((string)amendment.Element(returnCommon + "isAmended")!),
                ((string?)amendment.Element(returnCommon + "amendReason"))?.Trim() ?? string.Empty,
                ((string?)amendment.Element(returnCommon + "amendDetails"))?.Trim() ?? string.Empty,
                payload.Element(returnCommon + "fileBody")!.Element(returnCommon + "formFields")!)
            {
                HasCreditTransfer = standard.Element(returnCommon + "creditTransferRequest") is not null,
            };
        }

        var payDay = (string?)payload.Element(form + "payDayDate");
        var key = (string?)payload.Element(form + "submissionKey") ?? (string?)payload.Element(returnCommon + "submissionKey");
        return new ReturnRequest(
            version,
            operation,
            identifier.Value.Trim(),
            ((string)identifier.Attribute("IdentifierValueType")!).Trim(),
            ((string?)header.Element(common + "accountType"))?.Trim(),
            period is null ? null : Date(period),
            ((string?)header.Element(returnCommon + "majorFormType"))?.Trim() ?? string.Empty,
            ((string?)header.Element(returnCommon + "minorFormType"))?.Trim(),
            filing)
        {
            PayDay = payDay is null ? null : Date(payDay),
            // A key beyond any IR allocates (the schema's integer is unbounded) names no return: -1.
            SubmissionKey = key is null ? null : long.TryParse(key.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var k) ? k : -1,
        };
    }

    /// <summary>A schema-valid xsd:date's calendar date (it may carry a time zone after its ten characters).</summary>
    public static DateOnly Date(string value) => DateOnly.ParseExact(value.Trim()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The period as IR writes it.</summary>
    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A File request's standard fields and its form fields element (<c>rc:formFields</c>) as filed.</summary>
internal sealed record FilingFields(bool IsNilReturn, bool IsFinalReturn, bool IsAmended, string AmendReason, string AmendDetails, XElement FormFields)
{
    /// <summary>Whether the standard fields ask for a credit transfer (<c>rc:creditTransferRequest</c>).</summary>
    public bool HasCreditTransfer { get; init; }
}
