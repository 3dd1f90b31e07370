namespace Waharoa.Storage.Sqlite;

/// <summary>The start-up lock of a store only one instance uses: nothing to hold, nothing to release.</summary>
internal sealed class NoLock : IAsyncDisposable
{
    /// <summary>The one instance.</summary>
    public static readonly NoLock Instance = new();

    private NoLock()
    {
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
