using System.Globalization;
using System.Xml;
using Waharoa.Returns;
using Waharoa.Server.Sandbox.Soap;
using static Waharoa.Server.Sandbox.Returns.ReturnsContract;

namespace Waharoa.Server.Sandbox.Returns;

/// <summary>
/// Writes an operation's response in the shape of IR's GST sample responses: the ReturnCommon.v1 payload, its Common.v1
/// <c>statusMessage</c>, and on success the <c>responseBody</c> (typed <c>r:…</c> with <c>xsi:type</c> where IR's schema
/// makes it abstract).
/// </summary>
internal static class ReturnsResponseWriter
{
    /// <summary>IR's return status codes and their text (build pack §3.3).</summary>
    public static readonly IReadOnlyDictionary<string, string> StatusTexts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AMN"] = "Amended", ["REV"] = "Under review", ["EST"] = "Default assessment", ["CONV"] = "Converted-penalty", ["EXP"] = "Expected",
        ["PRCG"] = "Processing", ["LPRCG"] = "Late-processing", ["LPRCD"] = "Late-processed", ["LRCVD"] = "Late-received", ["NEW"] = "New",
        ["NRQD"] = "Optional", ["OPRCG"] = "Ontime-processing", ["OPRCD"] = "Ontime-processed", ["ORCVD"] = "Ontime-received",
        ["OVERDU"] = "Overdue", ["SUB"] = "Submitted", ["POST"] = "Posted", ["PRCD"] = "Processed", ["DRAFT"] = "Draft",
    };

    public static Task WriteAsync(HttpResponse response, ReturnOperation operation, ReturnOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return SoapEnvelopeWriter.WriteAsync(
            response, ServiceNamespace, operation.ToString(), ResponseAction(operation), WrapperNamespace(operation, response: true), w => WritePayload(w, operation, outcome), cancellationToken);
    }

    private static void WritePayload(XmlWriter w, ReturnOperation operation, ReturnOutcome outcome)
    {
        w.WriteStartElement(string.Empty, ResponsePayload(operation), ReturnCommonNamespace);
        SoapEnvelopeWriter.WriteStatusMessage(w, CommonNamespace, outcome.Status.Code, outcome.Status.Message);
        switch (outcome)
        {
            case FiledOutcome filed:
                w.WriteStartElement("responseBody", ReturnCommonNamespace);
                w.WriteElementString("gatewayId", ReturnCommonNamespace, filed.GatewayId);
                w.WriteElementString("submissionKey", ReturnCommonNamespace, filed.SubmissionKey.ToString(CultureInfo.InvariantCulture));
                w.WriteEndElement();
                break;
            case PrepopOutcome prepop:
                WritePrepop(w, prepop);
                break;
            case StatusOutcome status:
                w.WriteStartElement("responseBody", ReturnCommonNamespace);
                Status(w, status.StatusCode);
                if (status.SubmissionKey is { } key)
                {
                    w.WriteElementString("submissionKey", ReturnCommonNamespace, key.ToString(CultureInfo.InvariantCulture));
                }

                w.WriteEndElement();
                break;
            case RetrievedOutcome retrieved:
                TypedBody(w, "RetrieveReturnResponseBodyType");
                w.WriteStartElement("standardFields", ReturnCommonNamespace);
                w.WriteElementString("isNilReturn", ReturnCommonNamespace, XmlConvert.ToString(retrieved.IsNilReturn));
                w.WriteEndElement();
                retrieved.FormFields.WriteTo(w);
                w.WriteEndElement();
                break;
            case ObligationsOutcome obligations:
                w.WriteStartElement("responseBody", ReturnCommonNamespace);
                foreach (var (period, code) in obligations.Obligations)
                {
                    w.WriteStartElement("filingObligation", ReturnCommonNamespace);
                    w.WriteElementString("periodEndDate", ReturnCommonNamespace, ReturnRequest.Text(period));
                    Status(w, code);
                    w.WriteElementString("dueDate", ReturnCommonNamespace, ReturnRequest.Text(GstFrequency.DueDate(period)));
                    w.WriteEndElement();
                }

                w.WriteEndElement();
                break;
        }

        w.WriteEndElement();
    }

    private static void WritePrepop(XmlWriter w, PrepopOutcome prepop)
    {
        var profile = prepop.Profile;
        TypedBody(w, "PrepopResponseBodyType");
        Gst(w, "accountId", prepop.AccountId);
        Gst(w, "periodEndDate", ReturnRequest.Text(prepop.PeriodEnd));
        w.WriteStartElement("r", "filingFrequency", GstNamespace);
        w.WriteAttributeString("code", profile.Frequency.Code);
        w.WriteString(profile.Frequency.Text);
        w.WriteEndElement();
        Gst(w, "dueDate", ReturnRequest.Text(GstFrequency.DueDate(prepop.PeriodEnd)));
        Gst(w, "expectedMinorFormType", profile.ExpectedForm(prepop.PeriodEnd));
        Gst(w, "multiBranch", XmlConvert.ToString(profile.MultiBranch));
        Gst(w, "provFiler", XmlConvert.ToString(profile.Provisional is not null));
        if (profile.Provisional is { } provisional)
        {
            Gst(w, "provOption", provisional.Option);
            Gst(w, "compulsory", XmlConvert.ToString(provisional.Compulsory));
            if (provisional.Instalment is { } instalment)
            {
                Gst(w, "provTaxInstalmentAmount", XmlConvert.ToString(instalment));
            }

            if (provisional.RatioPercent is { } ratio)
            {
                Gst(w, "ratioTaxPercent", XmlConvert.ToString(ratio));
            }
        }

        Gst(w, "hospiceFiler", XmlConvert.ToString(profile.HospiceType is not null));
        if (profile.HospiceType is { } hospice)
        {
            Gst(w, "hospiceType", hospice);
        }

        w.WriteEndElement();
    }

    /// <summary>A <c>responseBody</c> whose schema type is abstract: typed as GST's (<c>xsi:type="r:…"</c>), as IR's samples write it.</summary>
    private static void TypedBody(XmlWriter w, string type)
    {
        w.WriteStartElement("responseBody", ReturnCommonNamespace);
        w.WriteAttributeString("xmlns", "r", null, GstNamespace);
        w.WriteAttributeString("xmlns", "xsi", null, InstanceNamespace);
        w.WriteAttributeString("xsi", "type", InstanceNamespace, "r:" + type);
    }

    private static void Gst(XmlWriter w, string name, string value) => w.WriteElementString("r", name, GstNamespace, value);

    private static void Status(XmlWriter w, string code)
    {
        w.WriteStartElement("status", ReturnCommonNamespace);
        w.WriteAttributeString("code", code);
        w.WriteString(StatusTexts.TryGetValue(code, out var text) ? text : code);
        w.WriteEndElement();
    }
}
