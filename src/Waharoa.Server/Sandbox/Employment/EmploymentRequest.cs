using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Waharoa.Employment;
using static Waharoa.Server.Sandbox.Employment.EmploymentContract;

namespace Waharoa.Server.Sandbox.Employment;

/// <summary>A schema-valid request, read into what the operations need.</summary>
internal sealed record EmploymentRequest(EmploymentOperation Operation, EmploymentHeader Header)
{
    private static readonly XNamespace Emp = EmploymentNamespace;
    private static readonly XNamespace Cmn = CommonNamespace;

    public EmployeeIdentifier? Employee { get; init; }

    public EmployeeFields? Fields { get; init; }

    /// <summary>Terminate's finish date.</summary>
    public DateOnly? FinishDate { get; init; }

    /// <summary>RetrieveList's employee, when one is asked for.</summary>
    public string? EmployeeIrd { get; init; }

    public EventQuery? Events { get; init; }

    /// <summary>The request in <paramref name="operationElement"/> (the SOAP body's child), or null when its wrapper is nil.</summary>
    public static EmploymentRequest? Read(EmploymentOperation operation, XElement operationElement)
    {
        ArgumentNullException.ThrowIfNull(operationElement);
        var payload = operationElement.Element(MessageElement(operation))?
            .Element(XName.Get(WrapperName(operation, response: false), WrapperNamespace(operation, response: false)))?
            .Element(RequestPayload(operation));
        if (payload is null)
        {
            return null;
        }

        var header = payload.Element(Emp + "header")!;
        var identifier = header.Element(Cmn + "identifier")!;
        var request = new EmploymentRequest(
            operation, new EmploymentHeader((string)identifier.Attribute("IdentifierValueType")!, identifier.Value.Trim(), header.Element(Cmn + "accountType")?.Value.Trim()));
        return operation switch
        {
            EmploymentOperation.Create => request with { Fields = ReadFields(payload.Element(Emp + "createBody")!) },
            EmploymentOperation.Update => request with { Employee = Identifier(payload), Fields = ReadFields(payload.Element(Emp + "updateBody")!) },
            EmploymentOperation.Terminate => request with
            {
                Employee = Identifier(payload),
                FinishDate = Date(payload.Element(Emp + "terminateBody")!.Element(Emp + "employmentFinishDate")),
            },
            EmploymentOperation.RetrieveList => request with { EmployeeIrd = payload.Element(Emp + "retrieveListBody")!.Element(Emp + "employeeIRD")?.Value },
            _ => request with { Events = Query(payload.Element(Emp + "eventBody")!) },
        };
    }

    private static EmployeeIdentifier Identifier(XElement payload)
    {
        var e = payload.Element(Emp + "employeeIdentifier")!;
        return new EmployeeIdentifier(
            e.Element(Emp + "employeeIRD")!.Value, e.Element(Emp + "employeeNameOnEILine")!.Value, Date(e.Element(Emp + "employeeDateOfBirth")), Date(e.Element(Emp + "employmentStartDate")));
    }

    private static EmployeeFields ReadFields(XElement body)
    {
        var name = body.Element(Emp + "employeeName")!;
        var details = new JsonObject();
        foreach (var field in body.Elements().Where(f => EmploymentDetails.Keys.Contains(f.Name.LocalName)))
        {
            details[field.Name.LocalName] = Json(field);
        }

        return new EmployeeFields(
            body.Element(Emp + "employeeIRD")!.Value,
            new EmployeeName(Text(name.Element(Emp + "nameTitle")), name.Element(Emp + "nameFirst")!.Value, Text(name.Element(Emp + "nameSurname")), Text(name.Element(Emp + "nameMiddle"))),
            body.Element(Emp + "employeeNameOnEILine")!.Value,
            body.Element(Emp + "taxCodes")!.Elements(Emp + "taxCode").Select(c => c.Value.Trim()).ToArray(),
            Date(body.Element(Emp + "employmentStartDate")),
            Date(body.Element(Emp + "employmentFinishDate")),
            Date(body.Element(Emp + "employeeDateOfBirth")),
            details,
            body.Element(Emp + "validRelationship") is not { } valid || XmlConvert.ToBoolean(valid.Value.Trim()));
    }

    private static EventQuery Query(XElement body) => new(
        Text(body.Element(Emp + "employeeIRD")), Date(body.Element(Emp + "eventFrom"))!.Value, Date(body.Element(Emp + "eventTo")), Text(body.Element(Emp + "eventType")));

    /// <summary>A field as JSON: its text, or an object of its parts by their local names (an address, a phone, a bank account).</summary>
    private static JsonNode Json(XElement field) => field.HasElements
        ? new JsonObject(field.Elements().Select(e => KeyValuePair.Create(e.Name.LocalName, (JsonNode?)Json(e))))
        : JsonValue.Create(field.Value.Trim());

    private static string? Text(XElement? element) => element is null || string.IsNullOrWhiteSpace(element.Value) ? null : element.Value.Trim();

    // xsd:date may carry a time zone after the date; the date is what counts.
    private static DateOnly? Date(XElement? element) =>
        element is null ? null : DateOnly.ParseExact(element.Value.Trim()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date as IR writes it.</summary>
    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
