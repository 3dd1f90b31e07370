using Waharoa.Sandbox;

namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>What an operation answers: a status, and on success the data its response carries.</summary>
internal record IntermediationOutcome(IntermediationStatus Status)
{
    public static implicit operator IntermediationOutcome(IntermediationStatus status) => new(status);
}

/// <summary>RetrieveClientList: the agency's visible lists with their (filtered) links.</summary>
internal sealed record ClientListsOutcome(string AgencyIrd, IReadOnlyList<ListedClientList> Lists)
    : IntermediationOutcome(IntermediationStatus.Success);

/// <summary>One client list of a <see cref="ClientListsOutcome"/>.</summary>
internal sealed record ListedClientList(ClientList List, IReadOnlyList<ClientLink> Links);

/// <summary>Link and Delink: the list and client as requested; the link's status for lists that need client approval.</summary>
internal sealed record LinkOutcome(IdentifierValue ClientList, IdentifierValue Client, string? AccountType, LinkStatus? LinkStatus)
    : IntermediationOutcome(IntermediationStatus.Success);

/// <summary>RetrieveClient and Update: the client as requested and its links.</summary>
internal sealed record ClientLinksOutcome(IdentifierValue Client, IReadOnlyList<ShownLink> Links)
    : IntermediationOutcome(IntermediationStatus.Success);

/// <summary>A link with the client list identifier to show for it.</summary>
internal sealed record ShownLink(ClientLink Link, IdentifierValue ClientList);
