using System.Xml.Linq;

namespace Waharoa.Tests.Employment;

/// <summary>Update's KiwiSaver opt-out fields (a KS10); leave out any to omit it.</summary>
internal sealed record OptOut(bool? OptedOut = true, bool Bank = true, bool Holder = true, string? SignatureDate = null)
{
    public string? LateReason { get; init; }

    public string? OtherReason { get; init; }

    public IEnumerable<XElement> Elements()
    {
        var emp = EmploymentCalls.Emp;
        var cmn = EmploymentCalls.Cmn;
        if (OptedOut is { } optedOut)
        {
            yield return new XElement(emp + "optedOut", optedOut ? "true" : "false");
        }

        if (Bank)
        {
            yield return new XElement(emp + "employeeBankAccountNumber",
                new XElement(cmn + "nzBankStandard", new XElement(cmn + "bank", "12"), new XElement(cmn + "branch", "3456"), new XElement(cmn + "account", "01234567"), new XElement(cmn + "suffix", "0000")));
        }

        if (Holder)
        {
            yield return new XElement(emp + "accountHolderName", new XElement(cmn + "nameFirst", "Test"), new XElement(cmn + "nameSurname", "Employee"));
        }

        if (SignatureDate is not null)
        {
            yield return new XElement(emp + "optedOutSignatureDate", SignatureDate);
        }
    }
}
