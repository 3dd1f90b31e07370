using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using static Waharoa.Server.Sandbox.Returns.ReturnsContract;

namespace Waharoa.Server.Sandbox.Returns;

/// <summary>
/// A schema-valid Return service request, read: the header every operation carries (identifier, account type, period,
/// form types) and, for File, the standard fields and the form fields as filed.
/// </summary>
internal sealed record ReturnRequest(
    ReturnOperation Operation,
    string Identifier,
    string IdentifierType,
    string? AccountType,
    DateOnly? PeriodEnd,
    string MajorFormType,
    string? MinorFormType,
    FilingFields? Filing)
{
    private static readonly XNamespace Common = CommonNamespace;
    private static readonly XNamespace ReturnCommon = ReturnCommonNamespace;

    /// <summary>Reads the operation element (the SOAP body's child); null when its payload is missing (a nil wrapper: code 100).</summary>
    public static ReturnRequest? Read(ReturnOperation operation, XElement body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var payload = body.Element(MessageElement(operation))?.Elements().FirstOrDefault()?.Elements().FirstOrDefault();
        if (payload is null)
        {
            return null;
        }

        var header = operation == ReturnOperation.File ? payload.Element(ReturnCommon + "fileHeader") : payload;
        if (header is null)
        {
            return null;
        }

        var identifier = header.Element(Common + "identifier")!;
        var period = (string?)header.Element(ReturnCommon + "periodEndDate");
        FilingFields? filing = null;
        if (operation == ReturnOperation.File)
        {
            var standard = payload.Element(ReturnCommon + "fileBody")!.Element(ReturnCommon + "standardFields")!;
            var amendment = standard.Element(ReturnCommon + "amendmentRequest")!;
            filing = new FilingFields(
                XmlConvert.ToBoolean((string)standard.Element(ReturnCommon + "isNilReturn")!),
                (string?)standard.Element(ReturnCommon + "isFinalReturn") is { } final && XmlConvert.ToBoolean(final),
                XmlConvert.ToBoolean((string)amendment.Element(ReturnCommon + "isAmended")!),
                ((string?)amendment.Element(ReturnCommon + "amendReason"))?.Trim() ?? string.Empty,
                ((string?)amendment.Element(ReturnCommon + "amendDetails"))?.Trim() ?? string.Empty,
                payload.Element(ReturnCommon + "fileBody")!.Element(ReturnCommon + "formFields")!);
        }

        return new ReturnRequest(
            operation,
            identifier.Value.Trim(),
            ((string)identifier.Attribute("IdentifierValueType")!).Trim(),
            ((string?)header.Element(Common + "accountType"))?.Trim(),
            // An xsd:date may carry a time zone after its ten characters; the period is the calendar date.
            period is null ? null : DateOnly.ParseExact(period.Trim()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            ((string)header.Element(ReturnCommon + "majorFormType")!).Trim(),
            ((string?)header.Element(ReturnCommon + "minorFormType"))?.Trim(),
            filing);
    }

    /// <summary>The period as IR writes it.</summary>
    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A File request's standard fields and its form fields element (<c>rc:formFields</c>) as filed.</summary>
internal sealed record FilingFields(bool IsNilReturn, bool IsFinalReturn, bool IsAmended, string AmendReason, string AmendDetails, XElement FormFields);
