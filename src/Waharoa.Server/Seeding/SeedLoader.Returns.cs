using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Waharoa.Returns;
using Waharoa.Sandbox;
using Waharoa.Server.Sandbox.Returns;
using Waharoa.Server.Sandbox.Soap;
using static Waharoa.Server.Sandbox.Returns.ReturnsContract;

namespace Waharoa.Server.Seeding;

internal sealed partial class SeedLoader
{
    /// <summary>The account's GST profile and the returns filed before the sandbox started, checked as the Return service reads them.</summary>
    private void PlanReturns(List<Func<CancellationToken, Task>> steps, SeedAccount account, TaxAccount taxAccount, string at, DateTimeOffset now, HashSet<long> submissionKeys)
    {
        if (taxAccount.AccountType == "EMP" || account.Ei is not null)
        {
            PlanEmploymentInformation(steps, account, taxAccount, at, submissionKeys);
            return;
        }

        if (account.Gst is null)
        {
            if (account.Returns.Count > 0)
            {
                throw new SeedException($"{at}.returns: returns need the account's gst profile");
            }

            return;
        }

        if (taxAccount.AccountType != GstProfile.MajorFormType)
        {
            throw new SeedException($"{at}.gst: only a GST account has a GST profile, not {taxAccount.AccountType}");
        }

        GstProfile profile;
        try
        {
            profile = GstProfile.Read(account.Gst);
        }
        catch (FormatException ex)
        {
            throw new SeedException($"{at}.{ex.Message}", ex);
        }

        var settings = (JsonObject)account.Gst.DeepClone();
        steps.Add(ct => returns.PutReturnProfileAsync(new ReturnProfile(taxAccount.AccountId, GstProfile.MajorFormType, settings), ct));
        foreach (var (filed, k) in account.Returns.Select((r, k) => (r, k)))
        {
            var where = $"{at}.returns[{k}]";
            if (filed.Filed is not null)
            {
                throw new SeedException($"{where}.filed: only an Employment Information return has a filing date here");
            }

            if (!DateOnly.TryParseExact(Required(filed.Period, where + ".period"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var period)
                || !profile.IsFilingPeriod(period))
            {
                throw new SeedException($"{where}.period: '{filed.Period}' is not the end of one of this account's {profile.Frequency.Code} periods");
            }

            var form = filed.Form ?? profile.ExpectedForm(period);
            if (!GstProfile.FormTypes.Contains(form, StringComparer.Ordinal))
            {
                throw new SeedException($"{where}.form: one of {string.Join(", ", GstProfile.FormTypes)}");
            }

            var fields = SeededFormFields(filed, where);
            if (fields.Name != XName.Get("formFields", GstNamespace))
            {
                throw new SeedException($"{where}.form_fields: a formFields element of {GstNamespace}, as RetrieveReturn shows it");
            }

            var key = SeededSubmissionKey(filed, where, submissionKeys);
            CheckFormFields(ReturnsContract.Contract, fields, GstNamespace, where);
            var record = new FiledReturn(taxAccount.AccountId, GstProfile.MajorFormType, period, form, key, filed.Status, filed.Nil,
                fields.ToString(SaveOptions.DisableFormatting), now, null, 0);
            steps.Add(ct => returns.PutReturnAsync(record, ct));
        }
    }

    /// <summary>A seeded return's form fields: XML.</summary>
    private static XElement SeededFormFields(SeedReturn filed, string where)
    {
        try
        {
            return XElement.Parse(Required(filed.FormFields, where + ".form_fields"));
        }
        catch (XmlException ex)
        {
            throw new SeedException($"{where}.form_fields: not XML: {ex.Message}", ex);
        }
    }

    /// <summary>A seeded return's form fields as IR's schema has them (its FormFieldsType), so that RetrieveReturn gives back what IR's would.</summary>
    private static void CheckFormFields(SoapContract contract, XElement fields, string returnNamespace, string where)
    {
        if (contract.ValidateAs(fields, new XmlQualifiedName("FormFieldsType", returnNamespace)) is { } problem)
        {
            throw new SeedException($"{where}.form_fields: not as IR's schema has them: {problem}");
        }
    }

    /// <summary>A seeded return's submission key: IR's Quantity32TypePositive, used once in the file.</summary>
    private static long SeededSubmissionKey(SeedReturn filed, string where, HashSet<long> submissionKeys)
    {
        var key = filed.SubmissionKey ?? throw new SeedException($"{where}.submission_key: required");
        return key is < 1 or > int.MaxValue || !submissionKeys.Add(key)
            ? throw new SeedException($"{where}.submission_key: {key} is not a positive 32-bit number used once in this file (IR's Quantity32TypePositive)")
            : key;
    }
}
