using Microsoft.Extensions.Diagnostics.HealthChecks;
using Waharoa.Storage;

namespace Waharoa.Server.Observability;

/// <summary>Ready only while the store answers: an instance whose database is unreachable takes no traffic.</summary>
internal sealed class StoreHealthCheck(IWaharoaStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["provider"] = store.Provider };
        try
        {
            await store.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy($"The {store.Provider} store answers.", data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception's type only: its message may name the database's host or user.
            return new HealthCheckResult(context.Registration.FailureStatus, $"The {store.Provider} store does not answer ({ex.GetType().Name}).", data: data);
        }
    }
}
