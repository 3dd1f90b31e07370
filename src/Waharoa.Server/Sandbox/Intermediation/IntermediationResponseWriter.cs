using System.Globalization;
using System.Xml;
using Waharoa.Sandbox;
using Waharoa.Server.Sandbox.Soap;
using static Waharoa.Server.Sandbox.Intermediation.IntermediationContract;

namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>
/// Writes an operation's SOAP response in the shape of IR's sample responses: the frame of
/// <see cref="SoapEnvelopeWriter"/> around the Intermediation.v1 payload, whose first child is the Common.v2 <c>statusMessage</c>.
/// </summary>
internal static class IntermediationResponseWriter
{
    public static Task WriteAsync(HttpResponse response, IntermediationOperation operation, IntermediationOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return SoapEnvelopeWriter.WriteAsync(
            response, ServiceNamespace, operation.ToString(), ResponseAction(operation), WrapperNamespace(operation, response: true), w => WritePayload(w, operation, outcome), cancellationToken);
    }

    private static void WritePayload(XmlWriter w, IntermediationOperation operation, IntermediationOutcome outcome)
    {
        w.WriteStartElement(string.Empty, PayloadName(operation, response: true), TypesNamespace);
        WriteStatus(w, outcome.Status);
        switch (outcome)
        {
            case ClientListsOutcome lists:
                WriteClientLists(w, lists);
                break;
            case LinkOutcome link:
                Identifier(w, "clientListID", link.ClientList);
                w.WriteStartElement("client", TypesNamespace);
                if (link.LinkStatus is { } status)
                {
                    w.WriteAttributeString("status", StatusText(status));
                }

                Identifier(w, "clientID", link.Client);
                if (link.AccountType is not null)
                {
                    w.WriteElementString("clientAccountType", TypesNamespace, link.AccountType);
                }

                w.WriteEndElement();
                break;
            case ClientLinksOutcome client:
                WriteClientLinks(w, client);
                break;
        }

        w.WriteEndElement();
    }

    private static void WriteStatus(XmlWriter w, IntermediationStatus status)
    {
        w.WriteStartElement(string.Empty, "statusMessage", CommonNamespace);
        w.WriteElementString("statusCode", CommonNamespace, status.Code.ToString(CultureInfo.InvariantCulture));
        w.WriteStartElement("errorMessage", CommonNamespace);
        w.WriteString(status.Message);
        w.WriteEndElement();
        if (status.Description is not null)
        {
            w.WriteElementString("errorDescription", CommonNamespace, status.Description);
        }

        w.WriteEndElement();
    }

    private static void WriteClientLists(XmlWriter w, ClientListsOutcome outcome)
    {
        w.WriteStartElement("agency", TypesNamespace);
        w.WriteAttributeString("agencyID", outcome.AgencyIrd);
        w.WriteAttributeString("agencyIDType", "IRD");
        foreach (var (list, links) in outcome.Lists)
        {
            w.WriteStartElement("clientList", TypesNamespace);
            w.WriteAttributeString("clientListID", list.ListId);
            w.WriteAttributeString("clientListIDType", list.IdType);
            w.WriteAttributeString("clientListType", list.Type.ToString());
            w.WriteAttributeString("hasRefundAccount", XmlConvert.ToString(list.HasRefundAccount));
            foreach (var link in links)
            {
                w.WriteStartElement("client", TypesNamespace);
                if (list.NeedsClientApproval)
                {
                    w.WriteAttributeString("status", StatusText(link.Status));
                }

                Identifier(w, "clientID", new IdentifierValue(link.ClientIrd, link.IsCustomerMaster ? "IRD" : "ACCIRD"));
                if (link.AccountType is not null)
                {
                    w.WriteElementString("clientAccountType", TypesNamespace, link.AccountType);
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteClientLinks(XmlWriter w, ClientLinksOutcome outcome)
    {
        Identifier(w, "clientID", outcome.Client);
        foreach (var (link, list) in outcome.Links)
        {
            w.WriteStartElement("link", TypesNamespace);
            if (link.IsCustomerMaster)
            {
                w.WriteAttributeString("customerMaster", "true");
            }
            else
            {
                w.WriteAttributeString("clientAccount", link.AccountType);
            }

            Identifier(w, "clientListID", list);
            w.WriteElementString("redirectMail", TypesNamespace, XmlConvert.ToString(link.RedirectMail));
            if (!link.IsCustomerMaster)
            {
                w.WriteElementString("redirectDisbursements", TypesNamespace, XmlConvert.ToString(link.RedirectDisbursements));
            }

            w.WriteEndElement();
        }
    }

    private static void Identifier(XmlWriter w, string name, IdentifierValue value)
    {
        w.WriteStartElement(name, TypesNamespace);
        w.WriteAttributeString("IdentifierValueType", value.Type);
        w.WriteString(value.Value);
        w.WriteEndElement();
    }

    private static string StatusText(LinkStatus status) => status == LinkStatus.Pending ? "PENDING" : "APPROVED";
}
