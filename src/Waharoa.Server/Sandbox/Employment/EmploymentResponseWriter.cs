using System.Xml;
using Waharoa.Employment;
using Waharoa.Server.Sandbox.Soap;
using static Waharoa.Server.Sandbox.Employment.EmploymentContract;

namespace Waharoa.Server.Sandbox.Employment;

/// <summary>
/// Writes an operation's response in the shape of IR's Employment service sample responses: the Employment.v2 payload
/// (<c>employmentResponse</c>, <c>retrieveListResponse</c> or <c>eventResponse</c>) with its Common.v2
/// <c>statusMessage</c>, RetrieveList's <c>responseBody/listResponse</c> on success, and Event's <c>events</c> always.
/// </summary>
internal static class EmploymentResponseWriter
{
    public static Task WriteAsync(HttpResponse response, EmploymentOperation operation, EmploymentOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return SoapEnvelopeWriter.WriteAsync(
            response, ServiceNamespace, operation.ToString(), ResponseAction(operation), WrapperNamespace(operation, response: true), WrapperName(operation, response: true),
            w => WritePayload(w, operation, outcome), cancellationToken);
    }

    private static void WritePayload(XmlWriter w, EmploymentOperation operation, EmploymentOutcome outcome)
    {
        w.WriteStartElement(string.Empty, ResponsePayload(operation), EmploymentNamespace);
        SoapEnvelopeWriter.WriteStatusMessage(w, CommonNamespace, outcome.Status.Code, outcome.Status.Message, outcome.Status.Description);
        if (operation == EmploymentOperation.Event)
        {
            // IR's Event samples carry the events element on every answer, empty when refused or when none match.
            w.WriteStartElement("events", EmploymentNamespace);
            foreach (var employerEvent in (outcome as EventsOutcome)?.Events ?? [])
            {
                w.WriteStartElement("event", EmploymentNamespace);
                foreach (var (name, value) in employerEvent.Fields)
                {
                    w.WriteElementString(name, EmploymentNamespace, value?.ToString());
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }
        else if (outcome is ListOutcome list)
        {
            w.WriteStartElement("responseBody", EmploymentNamespace);
            w.WriteStartElement("listResponse", EmploymentNamespace);
            foreach (var line in list.Lines)
            {
                WriteEmployee(w, line);
            }

            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>IR's EmployeeDetailType, in the schema's order, leaving out what the line does not have.</summary>
    private static void WriteEmployee(XmlWriter w, EmploymentLine line)
    {
        w.WriteStartElement("employee", EmploymentNamespace);
        w.WriteElementString("employeeIRD", EmploymentNamespace, line.EmployeeIrd);
        w.WriteStartElement("employeeName", EmploymentNamespace);
        Optional(w, "nameTitle", line.Name.Title);
        Optional(w, "nameFirst", line.Name.First);
        Optional(w, "nameSurname", line.Name.Surname);
        Optional(w, "nameMiddle", line.Name.Middle);
        w.WriteEndElement();
        w.WriteElementString("employeeNameOnEILine", EmploymentNamespace, line.NameOnEiLine);
        if (line.TaxCodes.Count > 0)
        {
            w.WriteStartElement("taxCodes", EmploymentNamespace);
            foreach (var code in line.TaxCodes)
            {
                w.WriteElementString("taxCode", EmploymentNamespace, code);
            }

            w.WriteEndElement();
        }

        Optional(w, "employeeDateOfBirth", line.DateOfBirth);
        Optional(w, "employmentStartDate", line.StartDate);
        Optional(w, "employmentFinishDate", line.FinishDate);
        w.WriteEndElement();
    }

    private static void Optional(XmlWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteElementString(name, EmploymentNamespace, value);
        }
    }

    private static void Optional(XmlWriter w, string name, DateOnly? value) => Optional(w, name, value is { } date ? EmploymentRequest.Text(date) : null);
}
