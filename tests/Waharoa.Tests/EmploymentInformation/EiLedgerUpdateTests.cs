using Waharoa.Server.Sandbox.Returns;

namespace Waharoa.Tests.EmploymentInformation;

/// <summary>What a filed EI line does to the employment's tax codes and name on record (the next Prepop and RetrieveList show them).</summary>
public sealed class EiLedgerUpdateTests
{
    [Theory]
    [InlineData("M", "SA", "SA")]                // one code: the filed one replaces it (IR's EI049)
    [InlineData("M,SB", "SB", "M,SB")]           // held already: unchanged
    [InlineData("M,SB", "ME", "ME,SB")]          // a primary code replaces the primary one, never two (IR's 109)
    [InlineData("M,SB", "S", "M,S")]             // a secondary code replaces the first secondary one
    [InlineData("ND,ME", "M", "ND,M")]           // a primary code where the first code is not one
    [InlineData("M,SB,S", "SH", "M,SH,S")]
    public void WithFiledCode(string held, string filed, string expected) =>
        Assert.Equal(expected.Split(','), EiLedgerUpdate.WithFiledCode(held.Split(','), filed));

    [Fact]
    public void WithFiledCode_FourPrimaryCodesAsSeeded_ASecondaryCodeReplacesTheFirst() =>
        Assert.Equal(["SB", "ME", "MSL", "MESL"], EiLedgerUpdate.WithFiledCode(["M", "ME", "MSL", "MESL"], "SB"));

    [Theory]
    [InlineData("Keith Kalish", "Keith", "Kalish")]
    [InlineData("Mary Jane Mills", "Mary Jane", "Mills")]
    [InlineData("Cher", "Cher", null)]
    public void NameOf_LastWordIsTheSurname(string name, string first, string? surname)
    {
        var parts = EiLedgerUpdate.NameOf(name);
        Assert.Equal((first, surname), (parts.First, parts.Surname));
    }

    [Fact]
    public void NameOf_ALongEiName_FitsCommonV2sHundredCharacters()
    {
        var parts = EiLedgerUpdate.NameOf(new string('a', 200) + " " + new string('b', 54));

        Assert.Equal((100, 54), (parts.First.Length, parts.Surname!.Length));
    }
}
