using Waharoa.Sandbox;

namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>Link, Delink and Update: the link rules of build pack §5.2, written at once.</summary>
internal sealed partial class IntermediationService
{
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
        var client = clientIrd is null ? null : await customers.FindCustomerAsync(clientIrd, cancellationToken);
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
            return await lists.AddLinkAsync(master, cancellationToken)
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

        var accounts = client is null ? [] : await customers.ListAccountsAsync(client.Ird, cancellationToken);
        if (!accounts.Any(a => a.AccountType == accountType))
        {
            return IntermediationStatus.NoClientFound;
        }

        var existing = (await lists.ListLinksAsync(list.ListId, cancellationToken)).FirstOrDefault(l => l.ClientIrd == client!.Ird && l.AccountType == accountType);
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
        if (!await lists.AddLinkAsync(new ClientLink(list.ListId, client!.Ird, accountType, mail, disbursements, status), cancellationToken))
        {
            return IntermediationStatus.AccountLinkExists;
        }

        if (accountType == "INC")
        {
            foreach (var follower in accounts.Select(a => a.AccountType).Intersect(IntermediationRules.FollowIncomeTax))
            {
                await lists.AddLinkAsync(new ClientLink(list.ListId, client.Ird, follower, mail, disbursements, status), cancellationToken);
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

            return clientIrd is not null && await lists.RemoveLinkAsync(list.ListId, clientIrd, null, cancellationToken)
                ? new LinkOutcome(request.ClientList!, request.Client!, null, null)
                : IntermediationStatus.NoCustomerMasterLink;
        }

        if (request.ClientAccountType is not { } accountType)
        {
            return IntermediationStatus.AccountTypeRequired;
        }

        if (clientIrd is null || !await lists.RemoveLinkAsync(list.ListId, clientIrd, accountType, cancellationToken))
        {
            return IntermediationStatus.NoClientFound;
        }

        if (accountType == "INC")
        {
            foreach (var follower in IntermediationRules.FollowIncomeTax)
            {
                await lists.RemoveLinkAsync(list.ListId, clientIrd, follower, cancellationToken);
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
            : (await lists.ListLinksAsync(list.ListId, cancellationToken)).FirstOrDefault(l => l.ClientIrd == clientIrd && l.AccountType == (master ? null : request.ClientAccountType));
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
            var clash = (await lists.ListLinksAsync(target.ListId, cancellationToken)).FirstOrDefault(l => l.ClientIrd == current.ClientIrd && l.AccountType == current.AccountType);
            if (clash is not null)
            {
                return master ? IntermediationStatus.CustomerMasterExists
                    : clash.Status == LinkStatus.Pending ? IntermediationStatus.LinkAwaitingApproval : IntermediationStatus.AccountLinkExists;
            }
        }

        // The client does not approve an updated link again (build pack §3.5.2): the status carries over.
        var updated = current with { ListId = target.ListId, RedirectMail = mail, RedirectDisbursements = disbursements };
        if (!await lists.ReplaceLinkAsync(current, updated, cancellationToken))
        {
            return IntermediationStatus.NoClientFound;
        }

        return new ClientLinksOutcome(request.Client!, [new ShownLink(updated, shownList)]);
    }
}
