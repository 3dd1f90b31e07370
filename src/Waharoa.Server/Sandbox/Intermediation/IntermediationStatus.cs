namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>
/// A status code of the Intermediation service with IR's standard message (build pack §5): the one catalogue of
/// the wire text. <see cref="Description"/> goes to the optional <c>errorDescription</c> when there is more to say.
/// </summary>
internal sealed record IntermediationStatus(int Code, string Message)
{
    public static readonly IntermediationStatus UnknownError = new(-1, "An unknown error has occurred");
    public static readonly IntermediationStatus Success = new(0, string.Empty);
    public static readonly IntermediationStatus AuthenticationFailure = new(1, "Authentication failure");
    public static readonly IntermediationStatus MissingToken = new(2, "Missing authentication token(s)");
    public static readonly IntermediationStatus UnauthorisedAccess = new(3, "Unauthorised access");
    public static readonly IntermediationStatus UnauthorisedDelegation = new(4, "Unauthorised delegation");
    public static readonly IntermediationStatus UnauthorisedVendor = new(5, "Unauthorised vendor");
    public static readonly IntermediationStatus AccountTypeNotSupported = new(7, "Account Type not supported");
    public static readonly IntermediationStatus UnrecognisedRequest = new(20, "Unrecognised XML request");
    public static readonly IntermediationStatus FailedValidation = new(21, "XML request failed validation");
    public static readonly IntermediationStatus CouldNotExtract = new(100, "Could not extract data from XML payload");
    public static readonly IntermediationStatus NotAnIntermediary = new(101, "Tax agency IRD is not valid");
    public static readonly IntermediationStatus NoClientLists = new(102, "No client lists available for agent");
    public static readonly IntermediationStatus NoClientFound = new(103, "No client found for requested parameters");
    public static readonly IntermediationStatus NoTaxPreparerIndicator = new(104, "No tax preparer indicator");
    public static readonly IntermediationStatus InvalidClientList = new(105, "Invalid client list");
    public static readonly IntermediationStatus ListHasNoRefundAccount = new(106, "Client list doesn't allow refunds");
    public static readonly IntermediationStatus NoCustomerMasterLink = new(107, "No existing customer master link");
    public static readonly IntermediationStatus InsufficientListAccess = new(108, "Insufficient client list access");
    public static readonly IntermediationStatus NoRefundsOnCustomerMaster = new(109, "Cannot redirect refunds on customer master");
    public static readonly IntermediationStatus CustomerMasterWithAccount = new(110, "Customer master requests cannot include client accounts");
    public static readonly IntermediationStatus AccountLinkFirst = new(111, "Account link must exist before customer master link");
    public static readonly IntermediationStatus DifferentListType = new(112, "New client list must be of the same client list type");
    public static readonly IntermediationStatus CustomerMasterExists = new(113, "A customer master link already exists between this tax agent and client");
    public static readonly IntermediationStatus CustomerMasterTaxAgentsOnly = new(114, "Only tax agents can establish customer master links");
    public static readonly IntermediationStatus AccountLinkExists = new(115, "A link to the client account already exists");
    public static readonly IntermediationStatus CannotRedirectMail = new(116, "Tax preparer cannot redirect mail");
    public static readonly IntermediationStatus CannotRedirectRefunds = new(117, "Tax preparer cannot redirect refunds");
    public static readonly IntermediationStatus InvalidAccountType = new(118, "Invalid account type for intermediary link");
    public static readonly IntermediationStatus NoUpdateAction = new(119, "No update action provided");
    public static readonly IntermediationStatus AccountTypeRequired = new(120, "Client account type required");
    public static readonly IntermediationStatus PayeMustRedirectMail = new(121, "PAYE intermediary must redirect mail");
    public static readonly IntermediationStatus NoRefundsForAccountType = new(122, "Redirect disbursements not allowed for account type");
    public static readonly IntermediationStatus LinkAwaitingApproval = new(124, "Account link already requested and still awaiting approval");

    /// <summary>Particulars of the error for <c>errorDescription</c>, or null to leave it out.</summary>
    public string? Description { get; init; }

    /// <summary>The status for a refusal the gateway made (1, 2 or 5), or null for a code the gateway does not send.</summary>
    public static IntermediationStatus? FromGateway(int code) => code switch
    {
        1 => AuthenticationFailure,
        2 => MissingToken,
        3 => UnauthorisedAccess,
        5 => UnauthorisedVendor,
        _ => null,
    };

    public IntermediationStatus Describe(string description) => this with { Description = description };
}
