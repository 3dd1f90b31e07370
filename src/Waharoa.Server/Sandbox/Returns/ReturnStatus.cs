namespace Waharoa.Server.Sandbox.Returns;

/// <summary>
/// A status code of the Return service with its text: the build packs' generic gateway codes (§5.1), generic returns
/// codes (§5.2) and Employment Information's own (EI build pack §5.3). Where IR's sample messages or mock test template
/// show the text differently from the build pack, the wire text follows them (<c>Unauthorised Delegation</c>,
/// <c>Authentication Failure</c>, <c>XML Request Failed Validation: …</c>). Common.v1 has no <c>errorDescription</c>, so
/// there particulars follow the message in <c>errorMessage</c>; Common.v2 carries them in <c>errorDescription</c>.
/// </summary>
internal sealed record ReturnStatus(int Code, string Message)
{
    /// <summary>The particulars of this refusal, or null.</summary>
    public string? Description { get; init; }

    /// <summary>The message and its particulars in one text, as Common.v1's <c>errorMessage</c> carries them.</summary>
    public string FullMessage => Description is null ? Message : Message + ": " + Description;

    public static readonly ReturnStatus UnknownError = new(-1, "An unknown error has occurred");
    public static readonly ReturnStatus Success = new(0, string.Empty);
    public static readonly ReturnStatus AuthenticationFailure = new(1, "Authentication Failure");
    public static readonly ReturnStatus MissingToken = new(2, "Missing authentication token(s)");
    public static readonly ReturnStatus UnauthorisedAccess = new(3, "Unauthorised access");
    public static readonly ReturnStatus UnauthorisedDelegation = new(4, "Unauthorised Delegation");
    public static readonly ReturnStatus UnauthorisedVendor = new(5, "Unauthorised vendor");
    public static readonly ReturnStatus AccountTypeNotSupported = new(7, "Account type not supported");
    public static readonly ReturnStatus UnrecognisedRequest = new(20, "Unrecognised XML request");
    public static readonly ReturnStatus FailedValidation = new(21, "XML Request Failed Validation");
    public static readonly ReturnStatus InvalidRequestData = new(100, "Invalid request data");
    public static readonly ReturnStatus UnableToFile = new(101, "Unable to file return");
    public static readonly ReturnStatus InvalidIdOrAccountType = new(102, "ID/Account type not valid");
    public static readonly ReturnStatus NoReturnFound = new(103, "No return found");
    public static readonly ReturnStatus InvalidFilingPeriod = new(104, "Invalid filing period");
    public static readonly ReturnStatus NoFilingObligations = new(105, "No filing obligations found");
    public static readonly ReturnStatus OperationNotAvailable = new(106, "Operation not available for major form type");
    public static readonly ReturnStatus DuplicateReturn = new(107, "Duplicate return");
    public static readonly ReturnStatus ReturnLocked = new(108, "Return locked for processing");
    public static readonly ReturnStatus InvalidAmendReason = new(109, "Invalid Amend Reason");

    // Employment Information (EI build pack §5.3).
    public static readonly ReturnStatus DuplicateLineItems = new(131, "Duplicate line items");
    public static readonly ReturnStatus ReverseReplaceNotAmendment = new(132, "Reverse/replace can only be used for an amendment");
    public static readonly ReturnStatus InvalidEmployeeIrd = new(134, "Invalid employee IRD number");
    public static readonly ReturnStatus NilReturnNotIndicated = new(136, "Nil return not indicated despite missing line items");
    public static readonly ReturnStatus ReferenceIdRequired = new(137, "ReferenceId is required for all line items");
    public static readonly ReturnStatus CreditTransferNotSupported = new(150, "Credit transfer requests are not supported");
    public static readonly ReturnStatus DuplicatePaydaySubmission = new(160, "Duplicate payday submission");
    public static readonly ReturnStatus PaydayNotInPeriod = new(161, "Payday date not in filing period");
    public static readonly ReturnStatus PeriodHasNonPaydayReturn = new(162, "Period has non-payday return");
    public static readonly ReturnStatus PayPeriodEndBeforeStart = new(163, "Pay period end date before pay period start");
    public static readonly ReturnStatus PeriodTooFarAhead = new(164, "Period too far into the future");
    public static readonly ReturnStatus IncorrectEiVersion = new(169, "Submitted incorrect EI version");
    public static readonly ReturnStatus TaxCodeUnsupported = new(171, "Tax code unsupported EI version 2");
    public static readonly ReturnStatus AccountNotActive = new(173, "Account was not active for the period submitted");
    public static readonly ReturnStatus InvalidPayFrequency = new(174, "Invalid pay frequency");
    public static readonly ReturnStatus TimeBarred = new(180, "Return is time-barred");
    public static readonly ReturnStatus InvalidAdjustment = new(200, "Invalid adjustment: Exceeds gross/PAYE");

    /// <summary>The status for a refusal the gateway made (1, 2, 3 or 5), or null for a code the gateway does not send.</summary>
    public static ReturnStatus? FromGateway(int code) => code switch
    {
        1 => AuthenticationFailure,
        2 => MissingToken,
        3 => UnauthorisedAccess,
        5 => UnauthorisedVendor,
        _ => null,
    };

    /// <summary>This status with particulars (Common.v1: after its message, <c>Message: particulars</c>; Common.v2: in <c>errorDescription</c>).</summary>
    public ReturnStatus Describe(string particulars) => this with { Description = particulars };
}
