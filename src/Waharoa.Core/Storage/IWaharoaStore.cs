namespace Waharoa.Storage;

/// <summary>
/// Everything Waharoa keeps, behind one provider (embedded SQLite, or PostgreSQL shared by several instances). A
/// provider implements every part; consumers take only the part they use.
/// </summary>
public interface IWaharoaStore :
    IClientStore, IUserStore, ILogonFailureStore, IConsentStore, ICodeStore, ITokenStore, IGrantStore, IRevocationStore, ISessionStore,
    ICustomerStore, IDelegationStore, IClientListStore, IReturnStore, IEmploymentStore, ISeedRecordStore, ISigningKeyStore, ISharedFileStore,
    IClockStore, IScenarioRuleStore, ICallRecordStore, IAsyncDisposable
{
    /// <summary>The provider's name, <c>sqlite</c> or <c>postgresql</c>.</summary>
    string Provider { get; }

    /// <summary>True when several Waharoa instances may run on this store at once (so certificates and keys live in it).</summary>
    bool IsShared { get; }

    /// <summary>The schema version the store is at.</summary>
    Task<int> SchemaVersionAsync(CancellationToken cancellationToken);

    /// <summary>Completes when the store answers a trivial query; throws when it is unreachable.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Holds the store's start-up lock until disposed, so that instances starting together prepare shared state
    /// (certificates, keys, demo data) one at a time.
    /// </summary>
    Task<IAsyncDisposable> AcquireStartupLockAsync(CancellationToken cancellationToken);
}
