using System.Globalization;
using System.Xml;
using Waharoa.Returns;
using Waharoa.Server.Sandbox.Soap;
using static Waharoa.Server.Sandbox.Returns.ReturnsContract;

namespace Waharoa.Server.Sandbox.Returns;

/// <summary>
/// Writes an operation's response in the shape of IR's sample responses, in the request's schema version: the
/// ReturnCommon payload, its Common <c>statusMessage</c> (v2: with <c>errorDescription</c> when there are particulars),
/// and on success the <c>responseBody</c> (typed <c>r:…</c> with <c>xsi:type</c> where IR's schema makes it abstract).
/// </summary>
internal static class ReturnsResponseWriter
{
    /// <summary>IR's return status codes and their text (build pack §3.3).</summary>
    public static readonly IReadOnlyDictionary<string, string> StatusTexts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AMN"] = "Amended",
        ["REV"] = "Under review",
        ["EST"] = "Default assessment",
        ["CONV"] = "Converted-penalty",
        ["EXP"] = "Expected",
        ["PRCG"] = "Processing",
        ["LPRCG"] = "Late-processing",
        ["LPRCD"] = "Late-processed",
        ["LRCVD"] = "Late-received",
        ["NEW"] = "New",
        ["NRQD"] = "Optional",
        ["OPRCG"] = "Ontime-processing",
        ["OPRCD"] = "Ontime-processed",
        ["ORCVD"] = "Ontime-received",
        ["OVERDU"] = "Overdue",
        ["SUB"] = "Submitted",
        ["POST"] = "Posted",
        ["PRCD"] = "Processed",
        ["DRAFT"] = "Draft",
    };

    public static Task WriteAsync(HttpResponse response, ReturnsVersion version, ReturnOperation operation, ReturnOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return SoapEnvelopeWriter.WriteAsync(
            response, ServiceNamespace, operation.ToString(), ResponseAction(operation), WrapperNamespace(operation, response: true),
            w => new Payload(w, version).Write(operation, outcome), cancellationToken);
    }

    /// <summary>One response's payload, written in <paramref name="Version"/>'s namespaces.</summary>
    private sealed record Payload(XmlWriter W, ReturnsVersion Version)
    {
        private string ReturnCommonNamespace => Version.ReturnCommon;

        private string CommonNamespace => Version.Common;

        private string FormNamespace => Version.Form;

        public void Write(ReturnOperation operation, ReturnOutcome outcome)
        {
            var w = W;
            w.WriteStartElement(string.Empty, ResponsePayload(operation), ReturnCommonNamespace);
            SoapEnvelopeWriter.WriteStatusMessage(
                w,
                CommonNamespace,
                outcome.Status.Code,
                Version.HasErrorDescription ? outcome.Status.Message : outcome.Status.FullMessage,
                Version.HasErrorDescription ? outcome.Status.Description : null);
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
                case PaydayStatusOutcome statuses:
                    w.WriteStartElement("responseBody", ReturnCommonNamespace);
                    foreach (var (code, submission, minor) in statuses.Statuses)
                    {
                        w.WriteStartElement("returnStatus", ReturnCommonNamespace);
                        Status(w, code);
                        w.WriteElementString("submissionKey", ReturnCommonNamespace, submission.ToString(CultureInfo.InvariantCulture));
                        w.WriteElementString("minorFormType", ReturnCommonNamespace, minor);
                        w.WriteEndElement();
                    }

                    w.WriteEndElement();
                    break;
                case PaydayReturnsOutcome paydays:
                    foreach (var (nil, fields) in paydays.Returns)
                    {
                        TypedBody(w, "RetrieveReturnResponseBodyType");
                        w.WriteStartElement("standardFields", ReturnCommonNamespace);
                        w.WriteElementString("isNilReturn", ReturnCommonNamespace, XmlConvert.ToString(nil));
                        w.WriteEndElement();
                        fields.WriteTo(w);
                        w.WriteEndElement();
                    }

                    break;
                case EmployeesPrepopOutcome employees:
                    TypedBody(w, "PrepopResponseBodyType");
                    Form(w, "accountId", employees.AccountId);
                    foreach (var employee in employees.Employees)
                    {
                        w.WriteStartElement("r", "employee", FormNamespace);
                        Form(w, "irdNumber", employee.Ird);
                        Form(w, "employeeName", employee.Name);
                        Form(w, "taxCode", employee.TaxCode ?? string.Empty);
                        if (employee.Start is { } start)
                        {
                            Form(w, "employmentStartDate", ReturnRequest.Text(start));
                        }

                        if (employee.Finish is { } finish)
                        {
                            Form(w, "employmentFinishDate", ReturnRequest.Text(finish));
                        }

                        w.WriteEndElement();
                    }

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

        private void WritePrepop(XmlWriter w, PrepopOutcome prepop)
        {
            var profile = prepop.Profile;
            TypedBody(w, "PrepopResponseBodyType");
            Form(w, "accountId", prepop.AccountId);
            Form(w, "periodEndDate", ReturnRequest.Text(prepop.PeriodEnd));
            w.WriteStartElement("r", "filingFrequency", FormNamespace);
            w.WriteAttributeString("code", profile.Frequency.Code);
            w.WriteString(profile.Frequency.Text);
            w.WriteEndElement();
            Form(w, "dueDate", ReturnRequest.Text(GstFrequency.DueDate(prepop.PeriodEnd)));
            Form(w, "expectedMinorFormType", profile.ExpectedForm(prepop.PeriodEnd));
            Form(w, "multiBranch", XmlConvert.ToString(profile.MultiBranch));
            Form(w, "provFiler", XmlConvert.ToString(profile.Provisional is not null));
            if (profile.Provisional is { } provisional)
            {
                Form(w, "provOption", provisional.Option);
                Form(w, "compulsory", XmlConvert.ToString(provisional.Compulsory));
                if (provisional.Instalment is { } instalment)
                {
                    Form(w, "provTaxInstalmentAmount", XmlConvert.ToString(instalment));
                }

                if (provisional.RatioPercent is { } ratio)
                {
                    Form(w, "ratioTaxPercent", XmlConvert.ToString(ratio));
                }
            }

            Form(w, "hospiceFiler", XmlConvert.ToString(profile.HospiceType is not null));
            if (profile.HospiceType is { } hospice)
            {
                Form(w, "hospiceType", hospice);
            }

            w.WriteEndElement();
        }

        /// <summary>A <c>responseBody</c> whose schema type is abstract: typed as the return type's (<c>xsi:type="r:…"</c>), as IR's samples write it.</summary>
        private void TypedBody(XmlWriter w, string type)
        {
            w.WriteStartElement("responseBody", ReturnCommonNamespace);
            w.WriteAttributeString("xmlns", "r", null, FormNamespace);
            w.WriteAttributeString("xmlns", "xsi", null, InstanceNamespace);
            w.WriteAttributeString("xsi", "type", InstanceNamespace, "r:" + type);
        }

        private void Form(XmlWriter w, string name, string value) => w.WriteElementString("r", name, FormNamespace, value);

        private void Status(XmlWriter w, string code)
        {
            w.WriteStartElement("status", ReturnCommonNamespace);
            w.WriteAttributeString("code", code);
            w.WriteString(StatusTexts.TryGetValue(code, out var text) ? text : code);
            w.WriteEndElement();
        }
    }
}
