using Waharoa.Customers;
using Waharoa.Delegation;
using Waharoa.Sandbox;
using Waharoa.Storage;

namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>
/// The Intermediation operations over the sandbox store, after the request passed the schema: IR's authorisation
/// (code 4), the account type (7), the intermediary checks (101, 104), list access by role and access level (102, 103, 105, 108) and the
/// link rules of §5.2. Changes are written at once, so every sandbox service sees them on its next call.
/// </summary>
internal sealed partial class IntermediationService(ICustomerStore customers, IClientListStore lists, DelegationModel delegation)
{
    public async Task<IntermediationOutcome> ExecuteAsync(SandboxCaller caller, IntermediationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (context, refusal) = await ResolveAgencyAsync(caller, request, cancellationToken);
        if (context is null)
        {
            return refusal!;
        }

        return request.Operation switch
        {
            IntermediationOperation.RetrieveClientList => await RetrieveClientListAsync(context, request, cancellationToken),
            IntermediationOperation.RetrieveClient => await RetrieveClientAsync(context, request, cancellationToken),
            IntermediationOperation.Link => await LinkAsync(context, request, cancellationToken),
            IntermediationOperation.Delink => await DelinkAsync(context, request, cancellationToken),
            IntermediationOperation.Update => await UpdateAsync(context, request, cancellationToken),
            _ => IntermediationStatus.UnrecognisedRequest,
        };
    }

    private async Task<(AgencyContext? Context, IntermediationStatus? Refusal)> ResolveAgencyAsync(
        SandboxCaller caller, IntermediationRequest request, CancellationToken cancellationToken)
    {
        var id = request.Agency;
        var agency = id.Type switch
        {
            "IRD" when IrdNumber.Normalise(id.Value) == id.Value => await customers.FindCustomerAsync(id.Value, cancellationToken),
            "CST" => await customers.FindCustomerByIdAsync(id.Value, cancellationToken),
            _ => null,
        };
        var staff = agency is null ? null : await delegation.ActingForAgencyAsync(caller, agency.Ird, cancellationToken);
        if (staff is null)
        {
            return (null, IntermediationStatus.UnauthorisedDelegation);
        }

        // Restricted users only retrieve client lists through this service (build pack 6.1.3).
        if (staff.Role == AgencyRole.RestrictedUser && request.Operation != IntermediationOperation.RetrieveClientList)
        {
            return (null, IntermediationStatus.UnauthorisedDelegation);
        }

        // Code 7 is one of the gateway's generic codes (§5.1), so it comes after the identifier's authorisation (4) and
        // before the service's own codes (§5.2); RetrieveClientList's filterAccountType is not checked (103 instead).
        if (request.ClientAccountType is { } accountType && !IntermediationRules.ActiveAccountTypes.Contains(accountType))
        {
            return (null, IntermediationStatus.AccountTypeNotSupported);
        }

        if (!agency!.Intermediary)
        {
            return (null, IntermediationStatus.NotAnIntermediary);
        }

        return (new AgencyContext(agency, staff, await lists.ListClientListsAsync(agency.Ird, cancellationToken)), null);
    }

    private async Task<IntermediationOutcome> RetrieveClientListAsync(AgencyContext context, IntermediationRequest request, CancellationToken cancellationToken)
    {
        var visible = context.Lists.Where(context.CanSee).ToList();
        if (visible.Count == 0)
        {
            return IntermediationStatus.NoClientLists;
        }

        if (request.FilterClientListId is { } listId)
        {
            visible = visible.Where(l => l.ListId == listId).ToList();
        }

        var listed = new List<ListedClientList>();
        foreach (var list in visible)
        {
            var links = await lists.ListLinksAsync(list.ListId, cancellationToken);
            if (request.FilterAccountType is { } accountType)
            {
                links = links.Where(l => l.AccountType == accountType).ToList();
                if (links.Count == 0)
                {
                    continue;
                }
            }

            listed.Add(new ListedClientList(list, links));
        }

        return listed.Count == 0 ? IntermediationStatus.NoClientFound : new ClientListsOutcome(context.Agency.Ird, listed);
    }

    private async Task<IntermediationOutcome> RetrieveClientAsync(AgencyContext context, IntermediationRequest request, CancellationToken cancellationToken)
    {
        var clientIrd = ClientIrd(request.Client);
        if (clientIrd is null)
        {
            return IntermediationStatus.NoClientFound;
        }

        var links = (await lists.ListLinksToClientAsync(clientIrd, cancellationToken))
            .Where(l => request.ClientAccountType is null || l.AccountType == request.ClientAccountType)
            .Select(l => (Link: l, List: context.Lists.FirstOrDefault(x => x.ListId == l.ListId)))
            .Where(x => x.List is not null)
            .ToList();
        if (links.Count == 0)
        {
            return IntermediationStatus.NoClientFound;
        }

        var shown = links.Where(x => context.CanSee(x.List!)).ToList();
        if (shown.Count == 0)
        {
            return context.SeesListErrors ? IntermediationStatus.InsufficientListAccess : IntermediationStatus.NoClientFound;
        }

        // The schema allows at most 20 links in a response.
        return new ClientLinksOutcome(request.Client!, shown.Take(20).Select(x => new ShownLink(x.Link, new IdentifierValue(x.List!.ListId, x.List.IdType))).ToList());
    }

    /// <summary>Codes 114, 110 and 109: only tax agent lists hold customer master links, which have no account and no refunds.</summary>
    private static IntermediationStatus? CheckCustomerMaster(ClientList list, IntermediationRequest request) =>
        list.Type != ClientListType.TAXCLI ? IntermediationStatus.CustomerMasterTaxAgentsOnly
        : request.ClientAccountType is not null ? IntermediationStatus.CustomerMasterWithAccount
        : request.RedirectDisbursements == true ? IntermediationStatus.NoRefundsOnCustomerMaster
        : null;

    private static (ClientList? List, IntermediationStatus? Refusal) ResolveList(AgencyContext context, IdentifierValue reference)
    {
        // Tax agent and PAYE intermediary lists identified by an IRD number may still be referenced as IRD (appendix 6.1.1).
        var list = context.Lists.FirstOrDefault(l => l.ListId == reference.Value
            && (l.IdType == reference.Type
                || (reference.Type == "IRD" && l.IdType == "LSTID" && l.Type is ClientListType.TAXCLI or ClientListType.PAYCLI && IrdNumber.IsValid(l.ListId))));
        if (list is null)
        {
            return (null, context.SeesListErrors ? IntermediationStatus.InvalidClientList : IntermediationStatus.NoClientFound);
        }

        return context.CanSee(list) ? (list, null)
            : (null, context.SeesListErrors ? IntermediationStatus.InsufficientListAccess : IntermediationStatus.NoClientFound);
    }

    private async Task<IReadOnlyList<ClientLink>> AgencyLinksToAsync(AgencyContext context, string clientIrd, CancellationToken cancellationToken) =>
        (await lists.ListLinksToClientAsync(clientIrd, cancellationToken)).Where(l => context.Lists.Any(x => x.ListId == l.ListId)).ToList();

    /// <summary>The client's IRD number from a <c>clientID</c> of type IRD or ACCIRD, nine digits and valid; else null.</summary>
    private static string? ClientIrd(IdentifierValue? client) =>
        client is { Type: "IRD" or "ACCIRD" } && IrdNumber.Normalise(client.Value) == client.Value ? client.Value : null;
}
