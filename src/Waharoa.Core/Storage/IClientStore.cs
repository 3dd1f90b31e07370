using Waharoa.Clients;

namespace Waharoa.Storage;

/// <summary>Registered DSP clients (removing one is <see cref="IRevocationStore"/>'s).</summary>
public interface IClientStore
{
    /// <summary>The client with <paramref name="clientId"/>, or null.</summary>
    ValueTask<DspClient?> FindClientAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>
    /// The client a trusted certificate with SHA-256 thumbprint <paramref name="thumbprint"/> and Common Name
    /// <paramref name="commonName"/> is enrolled for (pinned by thumbprint first, else by CN), or null.
    /// </summary>
    ValueTask<DspClient?> FindClientByCertificateAsync(string thumbprint, string? commonName, CancellationToken cancellationToken);

    /// <summary>Every client, ordered by id.</summary>
    Task<IReadOnlyList<DspClient>> ListClientsAsync(CancellationToken cancellationToken);

    /// <summary>Adds a client; false when the id is taken.</summary>
    Task<bool> AddClientAsync(DspClient client, CancellationToken cancellationToken);
}
