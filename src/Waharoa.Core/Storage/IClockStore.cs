namespace Waharoa.Storage;

/// <summary>The virtual clock's setting, shared by every instance on the store. (Its operations are defined with the virtual clock.)</summary>
public interface IClockStore
{
}
