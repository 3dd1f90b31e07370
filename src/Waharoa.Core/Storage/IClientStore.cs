using Waharoa.Clients;

namespace Waharoa.Storage;

/// <summary>Registered DSP clients (removing one is <see cref="IRevocationStore"/>'s).</summary>
public interface IClientStore
{
    /// <summary>The enabled client with <paramref name="clientId"/>, or null (a disabled client is not found: it is refused as an unknown one).</summary>
    ValueTask<DspClient?> FindClientAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>
    /// The enabled client a trusted certificate with SHA-256 thumbprint <paramref name="thumbprint"/> and Common Name
    /// <paramref name="commonName"/> is enrolled for (pinned by thumbprint first, else by CN), or null.
    /// </summary>
    ValueTask<DspClient?> FindClientByCertificateAsync(string thumbprint, string? commonName, CancellationToken cancellationToken);

    /// <summary>The client with <paramref name="clientId"/>, enabled or disabled (for its operator), or null.</summary>
    ValueTask<DspClient?> FindRegisteredClientAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>Every client, enabled or disabled, ordered by id.</summary>
    Task<IReadOnlyList<DspClient>> ListClientsAsync(CancellationToken cancellationToken);

    /// <summary>Adds a client; false when the id is taken.</summary>
    Task<bool> AddClientAsync(DspClient client, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces what an operator may change of a client (name, kind, secret hash, redirect URIs, certificates, services,
    /// customer, software platforms); its id, creation time and disabled flag stay. False when there is no such client.
    /// </summary>
    Task<bool> UpdateClientAsync(DspClient client, CancellationToken cancellationToken);

    /// <summary>Disables or enables a client; false when there is no such client.</summary>
    Task<bool> SetClientDisabledAsync(string clientId, bool disabled, CancellationToken cancellationToken);
}
