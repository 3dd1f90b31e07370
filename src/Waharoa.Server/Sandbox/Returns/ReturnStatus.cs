namespace Waharoa.Server.Sandbox.Returns;

/// <summary>
/// A status code of the Return service with its text: the build pack's generic gateway codes (§5.1) and generic returns
/// codes (§5.2). Where IR's sample messages or mock test template show the text differently from the build pack, the
/// wire text follows them (<c>Unauthorised Delegation</c>, <c>Authentication Failure</c>, <c>XML Request Failed
/// Validation: …</c>). Common.v1 has no <c>errorDescription</c>, so particulars follow the message in <c>errorMessage</c>.
/// </summary>
internal sealed record ReturnStatus(int Code, string Message)
{
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

    /// <summary>The status for a refusal the gateway made (1, 2, 3 or 5), or null for a code the gateway does not send.</summary>
    public static ReturnStatus? FromGateway(int code) => code switch
    {
        1 => AuthenticationFailure,
        2 => MissingToken,
        3 => UnauthorisedAccess,
        5 => UnauthorisedVendor,
        _ => null,
    };

    /// <summary>This status with particulars after its message (<c>Message: particulars</c>).</summary>
    public ReturnStatus Describe(string particulars) => this with { Message = Message + ": " + particulars };
}
