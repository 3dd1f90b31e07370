using Waharoa.Time;

namespace Waharoa.Tests.Control.Clock;

/// <summary>Durations as people write them for <c>waharoa clock advance</c>.</summary>
public sealed class ClockDurationTests
{
    [Theory]
    [InlineData("8h", 0, 8, 0, 0)]
    [InlineData("90m", 0, 1, 30, 0)]
    [InlineData("30s", 0, 0, 0, 30)]
    [InlineData("2d", 2, 0, 0, 0)]
    [InlineData("1w", 7, 0, 0, 0)]
    [InlineData("1d2h30m", 1, 2, 30, 0)]
    [InlineData(" 1D2H ", 1, 2, 0, 0)]
    [InlineData("1.02:00:00", 1, 2, 0, 0)]
    [InlineData("00:00:05", 0, 0, 0, 5)]
    public void Parse_reads_the_forms_people_write(string text, int days, int hours, int minutes, int seconds)
    {
        Assert.Equal(new TimeSpan(days, hours, minutes, seconds), ClockDuration.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("8")]
    [InlineData("h")]
    [InlineData("8x")]
    [InlineData("-8h")]
    [InlineData("0h")]
    [InlineData("00:00:00")]
    [InlineData("-1.00:00:00")]
    [InlineData("8h garbage")]
    [InlineData("36601d")]
    [InlineData("9999999999999999999d")]
    public void Parse_refuses_garbage_zero_negative_and_more_than_a_hundred_years(string? text)
    {
        Assert.Null(ClockDuration.Parse(text));
    }

    [Theory]
    [InlineData(0, 0, 0, 0, "0")]
    [InlineData(117, 0, 0, 0, "+117d")]
    [InlineData(1, 2, 30, 0, "+1d2h30m")]
    [InlineData(0, 0, 0, 45, "+45s")]
    public void Format_writes_the_offset_shortly(int days, int hours, int minutes, int seconds, string expected)
    {
        Assert.Equal(expected, ClockDuration.Format(new TimeSpan(days, hours, minutes, seconds)));
    }
}
