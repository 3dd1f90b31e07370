namespace Waharoa.Server.Sandbox.Employment;

/// <summary>
/// A status code of the Employment service with its text: the build pack's generic gateway codes (§5.1) and the
/// service's own (§5.2, with the README's v2 codes 118 and 134). Where IR's sample messages or test report template show
/// the text differently from the build pack, the wire text follows them (<c>Unauthorised Delegation</c>, the KiwiSaver
/// opt-in and opt-out messages). Particulars go in Common.v2's <c>errorDescription</c>, as IR's Event samples show them.
/// </summary>
internal sealed record EmploymentStatus(int Code, string Message)
{
    /// <summary>The particulars (<c>errorDescription</c>), or null.</summary>
    public string? Description { get; init; }

    public static readonly EmploymentStatus UnknownError = new(-1, "An unknown error has occurred");
    public static readonly EmploymentStatus Success = new(0, string.Empty);
    public static readonly EmploymentStatus AuthenticationFailure = new(1, "Authentication Failure");
    public static readonly EmploymentStatus MissingToken = new(2, "Missing authentication token(s)");
    public static readonly EmploymentStatus UnauthorisedAccess = new(3, "Unauthorised access");
    public static readonly EmploymentStatus UnauthorisedDelegation = new(4, "Unauthorised Delegation");
    public static readonly EmploymentStatus UnauthorisedVendor = new(5, "Unauthorised vendor");
    public static readonly EmploymentStatus AccountTypeNotSupported = new(7, "Account Type not supported");
    public static readonly EmploymentStatus UnrecognisedRequest = new(20, "Unrecognised XML request");
    public static readonly EmploymentStatus FailedValidation = new(21, "XML Request Failed Validation");
    public static readonly EmploymentStatus CouldNotExtract = new(100, "Could not extract data from XML payload");
    public static readonly EmploymentStatus NoMatchingRelationship = new(101, "The provided information did not match with any employment relationship");
    public static readonly EmploymentStatus NoEmployees = new(104, "The specified account has no employees");
    public static readonly EmploymentStatus RelationshipExists = new(106, "A relationship between this account and employee IRD already exists");
    public static readonly EmploymentStatus CeaseBeforeCommence = new(107, "The cease date cannot be before the commence date");
    public static readonly EmploymentStatus InvalidTaxCode = new(108, "A provided tax code was invalid");
    public static readonly EmploymentStatus TwoPrimaryTaxCodes = new(109, "Two primary tax codes submitted for one person");
    public static readonly EmploymentStatus EligibilityWhenOptingOut = new(110, "KiwiSaver Eligibility should be omitted when Opting Out");
    public static readonly EmploymentStatus BankAccountRequired = new(111, "A Bank Account is required when a Bank Account Holder Name is provided");
    public static readonly EmploymentStatus HolderNameRequired = new(112, "A Bank Account Holder Name is required when a Bank Account is provided");
    public static readonly EmploymentStatus SignatureDateRequired = new(113, "Opting out for KiwiSaver requires an opted out signature date");
    public static readonly EmploymentStatus OptInBankAccount = new(115, "Opting In for KiwiSaver expects Bank Account to be omitted");
    public static readonly EmploymentStatus OptInHolderName = new(116, "Opting In for KiwiSaver expects Bank Account Holder to be omitted");
    public static readonly EmploymentStatus OptInSignatureDate = new(117, "Opting In for KiwiSaver expects the Opted Out Signature Date to be omitted");
    public static readonly EmploymentStatus OptOutTooEarly = new(118, "Employee cannot Opt Out of KiwiSaver during their first 14 days of employment");
    public static readonly EmploymentStatus InvalidEmployeeIrd = new(121, "The provided employee IRD number is not valid");
    public static readonly EmploymentStatus RequestInError = new(122, "The provided submission created a request in error, please review payload");
    public static readonly EmploymentStatus OverlapsSeveral = new(124, "The StartDate and/or FinishDate overlaps with multiple other records");
    public static readonly EmploymentStatus InvalidKiwiSaverStatus = new(130, "The provided KiwiSaver Status is not valid");
    public static readonly EmploymentStatus InvalidExemptIncome = new(131, "The provided Employee Exempt Income type is not valid");
    public static readonly EmploymentStatus InvalidLateOptOutReason = new(132, "The provided KiwiSaver Late Opt-Out Reason is invalid");
    public static readonly EmploymentStatus OtherReasonRequired = new(133, "Other Late Opt-Out Reason must be provided");
    public static readonly EmploymentStatus LateOptOutNeedsReason = new(134, "Opt-Out is late, so other reason must be provided");
    public static readonly EmploymentStatus OptOutMustBeTrue = new(135, "Opt-Out must be set to true as lateOptOutReason has been provided");
    public static readonly EmploymentStatus InvalidEligibility = new(136, "The provided employee KiwiSaver Eligibility status was invalid");
    public static readonly EmploymentStatus TaxCodeUnsupported = new(137, "Tax code is unsupported for ES version 2");
    public static readonly EmploymentStatus BirthInFuture = new(140, "employeeDateOfBirth cannot be in the future");
    public static readonly EmploymentStatus ZeroIrdTaxCode = new(141, "Employee must have an 'ND' or 'WT' type tax code when using a zero IRD number");
    public static readonly EmploymentStatus TooManyEvents = new(142, "Too many events to be returned");
    public static readonly EmploymentStatus InvalidEventType = new(143, "Invalid event type");
    public static readonly EmploymentStatus EventFromAfterTo = new(144, "eventFrom cannot be after eventTo");
    public static readonly EmploymentStatus EventFromInFuture = new(145, "eventFrom cannot be in the future");
    public static readonly EmploymentStatus KiwiSaverStatusRequired = new(146, "KiwiSaver Status Required");

    /// <summary>The status for a refusal the gateway made (1, 2, 3 or 5), or null for a code the gateway does not send.</summary>
    public static EmploymentStatus? FromGateway(int code) => code switch
    {
        1 => AuthenticationFailure,
        2 => MissingToken,
        3 => UnauthorisedAccess,
        5 => UnauthorisedVendor,
        _ => null,
    };

    /// <summary>This status with <paramref name="particulars"/> as its <c>errorDescription</c>.</summary>
    public EmploymentStatus Describe(string particulars) => this with { Description = particulars };
}
