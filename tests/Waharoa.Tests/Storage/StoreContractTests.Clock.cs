using Waharoa.Storage;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Clock_NeverMoved_IsNone_ThenKeepsTheLastSetting_ForEveryInstance()
    {
        Assert.Null(await Store.GetClockAsync(default));

        await Store.SetClockAsync(new ClockSetting(TimeSpan.FromDays(117) + TimeSpan.FromMilliseconds(250), Now), default);
        var other = await OpenStoreAsync();
        await other.SetClockAsync(new ClockSetting(TimeSpan.FromHours(8), Now.AddMinutes(1)), default);

        Assert.Equal(new ClockSetting(TimeSpan.FromHours(8), Now.AddMinutes(1)), await Store.GetClockAsync(default));

        await Store.SetClockAsync(new ClockSetting(TimeSpan.Zero, Now.AddMinutes(2)), default);
        Assert.Equal(new ClockSetting(TimeSpan.Zero, Now.AddMinutes(2)), await other.GetClockAsync(default));
    }
}
