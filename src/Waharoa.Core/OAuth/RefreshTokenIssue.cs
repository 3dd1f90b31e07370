namespace Waharoa.OAuth;

/// <summary>Who a dialect gives refresh tokens to.</summary>
public enum RefreshTokenIssue
{
    /// <summary>Cloud clients, on either endpoint.</summary>
    ToCloudClients,

    /// <summary>Cloud clients exchanging their code on the cloud endpoint only.</summary>
    ToCloudClientsOnTheCloudEndpoint,
}
