using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Waharoa.Customers;

namespace Waharoa.Tests.Customers;

/// <summary>IR's modulus-11 check of IRD numbers: the published examples and properties of the rule.</summary>
public sealed class IrdNumberTests
{
    [Theory]
    [InlineData("49091850")]
    [InlineData("35901981")]
    [InlineData("49098576")]
    [InlineData("136410132")]
    [InlineData("49-091-850")]
    public void IsValid_PublishedExamples_AreValid(string number) => Assert.True(IrdNumber.IsValid(number));

    [Theory]
    [InlineData("136410133")]
    [InlineData("9125568")]
    [InlineData("49091851")]
    [InlineData("150000001")]
    [InlineData("1234567890")]
    [InlineData("4909185O")]
    [InlineData("")]
    [InlineData(null)]
    public void IsValid_Others_AreInvalid(string? number) => Assert.False(IrdNumber.IsValid(number));

    [Property]
    public Property IsValid_ExactlyOneCheckDigitWorksForEachBase() =>
        Prop.ForAll(Gen.Choose(1_000_000, 15_000_000).ToArbitrary(), baseNumber =>
        {
            var text = baseNumber.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            var valid = Enumerable.Range(0, 10).Count(d => IrdNumber.IsValid(text + d));
            var inRange = Enumerable.Range(0, 10).Select(d => (long)baseNumber * 10 + d).All(n => n is >= 10_000_000 and <= 150_000_000);
            return IrdNumber.CheckDigit(text) == -1 ? valid == 0 : !inRange || valid == 1;
        });
}
