namespace Waharoa.Storage;

/// <summary>Failed myIR logon attempts, from which lockouts are decided.</summary>
public interface ILogonFailureStore
{
    /// <summary>Records a failed logon attempt for <paramref name="logon"/>.</summary>
    Task RecordFailedLogonAsync(string logon, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The times of failed attempts for <paramref name="logon"/> since <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<DateTimeOffset>> FailedLogonsSinceAsync(string logon, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Forgets the failed attempts of <paramref name="logon"/> after a successful logon.</summary>
    Task ClearFailedLogonsAsync(string logon, CancellationToken cancellationToken);
}
