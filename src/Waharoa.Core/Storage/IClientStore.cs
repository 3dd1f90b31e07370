using Waharoa.Clients;

namespace Waharoa.Storage;

/// <summary>Registered DSP clients (removing one is <see cref="IRevocationStore"/>'s).</summary>
public interface IClientStore
{
    /// <summary>The client with <paramref name="clientId"/>, or null.</summary>
    ValueTask<DspClient?> FindClientAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>The client whose enrolled certificate has SHA-256 thumbprint <paramref name="thumbprint"/>, or null.</summary>
    ValueTask<DspClient?> FindClientByCertificateAsync(string thumbprint, CancellationToken cancellationToken);

    /// <summary>Every client, ordered by id.</summary>
    Task<IReadOnlyList<DspClient>> ListClientsAsync(CancellationToken cancellationToken);

    /// <summary>Adds a client; false when the id is taken.</summary>
    Task<bool> AddClientAsync(DspClient client, CancellationToken cancellationToken);
}
