using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Waharoa.Returns;
using Waharoa.Sandbox;
using Waharoa.Server.Sandbox.Returns;

namespace Waharoa.Server.Seeding;

internal sealed partial class SeedLoader
{
    private const string EiVersion1Namespace = "urn:www.ird.govt.nz/GWS:types/ReturnEI.v1";

    private static DateTimeOffset NoonUtc(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    /// <summary>
    /// An employer account's Employment Information profile (optional) and its EI returns filed before the sandbox
    /// started, checked as the Return service reads them: each for a pay day, in EI version 2 (<c>form: EI2</c>, the
    /// default) or 1 (<c>form: EI</c>: v2 can neither amend nor retrieve it), processed as filed on its pay day, and
    /// time-barred four years from its <c>filed</c> date, when it has one.
    /// </summary>
    private void PlanEmploymentInformation(List<Func<CancellationToken, Task>> steps, SeedAccount account, TaxAccount taxAccount, string at, HashSet<long> submissionKeys)
    {
        if (taxAccount.AccountType != "EMP")
        {
            throw new SeedException($"{at}.ei: only an employer (EMP) account has an Employment Information profile, not {taxAccount.AccountType}");
        }

        if (account.Gst is not null)
        {
            throw new SeedException($"{at}.gst: an employer (EMP) account has no GST profile");
        }

        if (account.Ei is not null)
        {
            try
            {
                EiProfile.Read(account.Ei);
            }
            catch (FormatException ex)
            {
                throw new SeedException($"{at}.{ex.Message}", ex);
            }

            var settings = (JsonObject)account.Ei.DeepClone();
            steps.Add(ct => returns.PutReturnProfileAsync(new ReturnProfile(taxAccount.AccountId, EiProfile.ProfileKey, settings), ct));
        }

        foreach (var (filed, k) in account.Returns.Select((r, k) => (r, k)))
        {
            var where = $"{at}.returns[{k}]";
            if (!DateOnly.TryParseExact(Required(filed.PayDay, where + ".pay_day"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var payDay))
            {
                throw new SeedException($"{where}.pay_day: '{filed.PayDay}' is not a date (yyyy-MM-dd)");
            }

            var period = new DateOnly(payDay.Year, payDay.Month, DateTime.DaysInMonth(payDay.Year, payDay.Month));
            if (filed.Period is not null && filed.Period != ReturnRequest.Text(period))
            {
                throw new SeedException($"{where}.period: an EI return's period is its pay day's month, ending {ReturnRequest.Text(period)}");
            }

            var form = filed.Form ?? EiReturnForm.MajorForm;
            if (form is not (EiReturnForm.MajorForm or EiReturnForm.Version1MajorForm))
            {
                throw new SeedException($"{where}.form: EI2 (version 2) or EI (version 1)");
            }

            var fields = SeededFormFields(filed, where);
            var expected = form == EiReturnForm.MajorForm ? ReturnsContract.EiNamespace : EiVersion1Namespace;
            if (fields.Name != XName.Get("formFields", expected))
            {
                throw new SeedException($"{where}.form_fields: a formFields element of {expected}, as RetrieveReturn shows it");
            }

            var key = SeededSubmissionKey(filed, where, submissionKeys);

            // Version 1's schema is not embedded (v1 returns are only seeded): version 2's are checked.
            if (form == EiReturnForm.MajorForm)
            {
                CheckFormFields(ReturnsContract.EiContract, fields, ReturnsContract.EiNamespace, where);
            }

            // Processed as filed on its pay day (noon UTC), long ago: it can be amended at once, unless its filing date
            // (noon in New Zealand) is more than four years ago (IR's time bar). Without one it is never time-barred.
            DateTimeOffset? originallyFiled = null;
            if (filed.Filed is not null)
            {
                if (!DateOnly.TryParseExact(filed.Filed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var filedOn))
                {
                    throw new SeedException($"{where}.filed: '{filed.Filed}' is not a date (yyyy-MM-dd)");
                }

                if (filedOn > NewZealand.Today(time))
                {
                    throw new SeedException($"{where}.filed: {filed.Filed} is after today ({ReturnRequest.Text(NewZealand.Today(time))} in New Zealand)");
                }

                originallyFiled = NewZealand.Noon(filedOn);
            }

            var record = new FiledReturn(taxAccount.AccountId, form, period, form, key, filed.Status, filed.Nil,
                fields.ToString(SaveOptions.DisableFormatting), NoonUtc(payDay), null, 0, payDay, OriginallyFiledAt: originallyFiled);
            steps.Add(ct => returns.PutReturnAsync(record, ct));
        }
    }
}
