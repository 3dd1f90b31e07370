using Waharoa.Customers;
using Waharoa.Sandbox;
using Waharoa.Storage;

namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>
/// The Intermediation operations over the sandbox store, after the request passed the schema: IR's authorisation
/// (code 4), the intermediary checks (101, 104), list access by role and access level (102, 103, 105, 108) and the
/// link rules of §5.2. Changes are written at once, so every sandbox service sees them on its next call.
/// </summary>
internal sealed class IntermediationService(ISandboxStore store, DelegationModel delegation)
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
            "IRD" when IrdNumber.Normalise(id.Value) == id.Value => await store.FindCustomerAsync(id.Value, cancellationToken),
            "CST" => await store.FindCustomerByIdAsync(id.Value, cancellationToken),
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

        if (!agency!.Intermediary)
        {
            return (null, IntermediationStatus.NotAnIntermediary);
        }

        return (new AgencyContext(agency, staff, await store.ListClientListsAsync(agency.Ird, cancellationToken)), null);
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

        var lists = new List<ListedClientList>();
        foreach (var list in visible)
        {
            var links = await store.ListLinksAsync(list.ListId, cancellationToken);
            if (request.FilterAccountType is { } accountType)
            {
                links = links.Where(l => l.AccountType == accountType).ToList();
                if (links.Count == 0)
                {
                    continue;
                }
            }

            lists.Add(new ListedClientList(list, links));
        }

        return lists.Count == 0 ? IntermediationStatus.NoClientFound : new ClientListsOutcome(context.Agency.Ird, lists);
    }

    private async Task<IntermediationOutcome> RetrieveClientAsync(AgencyContext context, IntermediationRequest request, CancellationToken cancellationToken)
    {
        var clientIrd = ClientIrd(request.Client);
        if (clientIrd is null)
        {
            return IntermediationStatus.NoClientFound;
        }

        var links = (await store.ListLinksToClientAsync(clientIrd, cancellationToken))
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

    private async Task<IntermediationOutcome> LinkAsync(AgencyContext context, IntermediationRequest request, CancellationToken cancellationToken)
    {
        if (!context.Agency.TaxPreparer)
        {
            return IntermediationStatus.NoTaxPreparerIndicator;
        }

        var (list, refusal) = ResolveList(context, request.ClientList!);
        if (list is null)
        {
            return refusal!;
        }

        var clientIrd = ClientIrd(request.Client);
        var client = clientIrd is null ? null : await store.FindCustomerAsync(clientIrd, cancellationToken);
        if (request.UpdateCustomerMaster)
        {
            var masterRefusal = CheckCustomerMaster(list, request);
            if (masterRefusal is not null)
            {
                return masterRefusal;
            }

            if (client is null)
            {
                return IntermediationStatus.NoClientFound;
            }

            var agencyLinks = await AgencyLinksToAsync(context, client.Ird, cancellationToken);
            if (agencyLinks.Any(l => l.IsCustomerMaster))
            {
                return IntermediationStatus.CustomerMasterExists;
            }

            if (!agencyLinks.Any(l => !l.IsCustomerMaster && l.Status == LinkStatus.Approved))
            {
                return IntermediationStatus.AccountLinkFirst;
            }

            var master = new ClientLink(list.ListId, client.Ird, null, request.RedirectMail ?? false, false, LinkStatus.Approved);
            return await store.AddLinkAsync(master, cancellationToken)
                ? new LinkOutcome(request.ClientList!, request.Client!, null, null)
                : IntermediationStatus.CustomerMasterExists;
        }

        if (request.ClientAccountType is not { } accountType)
        {
            return IntermediationStatus.AccountTypeRequired;
        }

        if (IntermediationRules.CheckAccountType(list, accountType) is { } typeRefusal)
        {
            return typeRefusal;
        }

        var accounts = client is null ? [] : await store.ListAccountsAsync(client.Ird, cancellationToken);
        if (!accounts.Any(a => a.AccountType == accountType))
        {
            return IntermediationStatus.NoClientFound;
        }

        var existing = (await store.ListLinksAsync(list.ListId, cancellationToken)).FirstOrDefault(l => l.ClientIrd == client!.Ird && l.AccountType == accountType);
        if (existing is not null)
        {
            return existing.Status == LinkStatus.Pending ? IntermediationStatus.LinkAwaitingApproval : IntermediationStatus.AccountLinkExists;
        }

        var (mail, disbursements) = (request.RedirectMail ?? false, request.RedirectDisbursements ?? false);
        if (IntermediationRules.CheckRedirects(list, accountType, mail, disbursements) is { } redirectRefusal)
        {
            return redirectRefusal;
        }

        var status = IntermediationRules.NewLinkStatus(list);
        if (!await store.AddLinkAsync(new ClientLink(list.ListId, client!.Ird, accountType, mail, disbursements, status), cancellationToken))
        {
            return IntermediationStatus.AccountLinkExists;
        }

        if (accountType == "INC")
        {
            foreach (var follower in accounts.Select(a => a.AccountType).Intersect(IntermediationRules.FollowIncomeTax))
            {
                await store.AddLinkAsync(new ClientLink(list.ListId, client.Ird, follower, mail, disbursements, status), cancellationToken);
            }
        }

        return new LinkOutcome(request.ClientList!, request.Client!, accountType, list.NeedsClientApproval ? status : null);
    }

    private async Task<IntermediationOutcome> DelinkAsync(AgencyContext context, IntermediationRequest request, CancellationToken cancellationToken)
    {
        var (list, refusal) = ResolveList(context, request.ClientList!);
        if (list is null)
        {
            return refusal!;
        }

        var clientIrd = ClientIrd(request.Client);
        if (request.UpdateCustomerMaster)
        {
            if (CheckCustomerMaster(list, request) is { } masterRefusal)
            {
                return masterRefusal;
            }

            return clientIrd is not null && await store.RemoveLinkAsync(list.ListId, clientIrd, null, cancellationToken)
                ? new LinkOutcome(request.ClientList!, request.Client!, null, null)
                : IntermediationStatus.NoCustomerMasterLink;
        }

        if (request.ClientAccountType is not { } accountType)
        {
            return IntermediationStatus.AccountTypeRequired;
        }

        if (clientIrd is null || !await store.RemoveLinkAsync(list.ListId, clientIrd, accountType, cancellationToken))
        {
            return IntermediationStatus.NoClientFound;
        }

        if (accountType == "INC")
        {
            foreach (var follower in IntermediationRules.FollowIncomeTax)
            {
                await store.RemoveLinkAsync(list.ListId, clientIrd, follower, cancellationToken);
            }
        }

        return new LinkOutcome(request.ClientList!, request.Client!, accountType, null);
    }

    private async Task<IntermediationOutcome> UpdateAsync(AgencyContext context, IntermediationRequest request, CancellationToken cancellationToken)
    {
        var (list, refusal) = ResolveList(context, request.ClientList!);
        if (list is null)
        {
            return refusal!;
        }

        if (request.RedirectMail is null && request.RedirectDisbursements is null && request.NewClientList is null)
        {
            return IntermediationStatus.NoUpdateAction;
        }

        var master = request.UpdateCustomerMaster;
        if (master && CheckCustomerMaster(list, request) is { } masterRefusal)
        {
            return masterRefusal;
        }

        if (!master && request.ClientAccountType is null)
        {
            return IntermediationStatus.AccountTypeRequired;
        }

        var clientIrd = ClientIrd(request.Client);
        var current = clientIrd is null ? null
            : (await store.ListLinksAsync(list.ListId, cancellationToken)).FirstOrDefault(l => l.ClientIrd == clientIrd && l.AccountType == (master ? null : request.ClientAccountType));
        if (current is null)
        {
            return master ? IntermediationStatus.NoCustomerMasterLink : IntermediationStatus.NoClientFound;
        }

        var (target, shownList) = (list, request.ClientList!);
        if (request.NewClientList is { } newReference)
        {
            var (newList, newRefusal) = ResolveList(context, newReference);
            if (newList is null)
            {
                return newRefusal!;
            }

            if (newList.Type != list.Type)
            {
                return IntermediationStatus.DifferentListType;
            }

            (target, shownList) = (newList, newReference);
        }

        // Moving a link does not preserve its attributes: what the request leaves out takes the default (false).
        var moving = target.ListId != list.ListId;
        var mail = request.RedirectMail ?? (!moving && current.RedirectMail);
        var disbursements = !master && (request.RedirectDisbursements ?? (!moving && current.RedirectDisbursements));
        if (IntermediationRules.CheckRedirects(target, current.AccountType, mail, disbursements) is { } redirectRefusal)
        {
            return redirectRefusal;
        }

        if (moving)
        {
            var clash = (await store.ListLinksAsync(target.ListId, cancellationToken)).FirstOrDefault(l => l.ClientIrd == current.ClientIrd && l.AccountType == current.AccountType);
            if (clash is not null)
            {
                return master ? IntermediationStatus.CustomerMasterExists
                    : clash.Status == LinkStatus.Pending ? IntermediationStatus.LinkAwaitingApproval : IntermediationStatus.AccountLinkExists;
            }
        }

        // The client does not approve an updated link again (build pack §3.5.2): the status carries over.
        var updated = current with { ListId = target.ListId, RedirectMail = mail, RedirectDisbursements = disbursements };
        if (!await store.ReplaceLinkAsync(current, updated, cancellationToken))
        {
            return IntermediationStatus.NoClientFound;
        }

        return new ClientLinksOutcome(request.Client!, [new ShownLink(updated, shownList)]);
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
        (await store.ListLinksToClientAsync(clientIrd, cancellationToken)).Where(l => context.Lists.Any(x => x.ListId == l.ListId)).ToList();

    /// <summary>The client's IRD number from a <c>clientID</c> of type IRD or ACCIRD, nine digits and valid; else null.</summary>
    private static string? ClientIrd(IdentifierValue? client) =>
        client is { Type: "IRD" or "ACCIRD" } && IrdNumber.Normalise(client.Value) == client.Value ? client.Value : null;
}
