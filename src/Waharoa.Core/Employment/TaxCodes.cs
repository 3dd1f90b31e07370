namespace Waharoa.Employment;

/// <summary>The tax codes of the Employment service v2 (IR's build pack, "Accepted tax codes", with 2021's SA and SA SL).</summary>
public static class TaxCodes
{
    /// <summary>The codes IR accepts, as the wire spells them (no spaces: <c>SA SL</c> is <c>SASL</c>).</summary>
    public static IReadOnlySet<string> Accepted { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "CAE", "EDW", "ND", "MESL", "MSL", "SH", "SB", "SBSL", "ST", "WT", "SSL", "ME", "NSW", "M", "SHSL", "STC", "S", "STSL", "SA", "SASL",
    };

    /// <summary>Codes version 1 accepted that version 2 refuses (IR's code 137).</summary>
    public static IReadOnlySet<string> Retired { get; } = new HashSet<string>(StringComparer.Ordinal) { "ESS", "SLCIR", "SLBOR" };

    /// <summary>
    /// The primary codes, of which one person has at most one with an employer (IR's code 109): <c>M</c> and <c>ME</c>
    /// with or without a student loan.
    /// </summary>
    public static IReadOnlySet<string> Primary { get; } = new HashSet<string>(StringComparer.Ordinal) { "M", "MSL", "ME", "MESL" };
}
