namespace Waharoa.Server.Sandbox.AccountApi;

/// <summary>
/// The Account API's refusals, in one place. Texts are the OpenAPI file's (Account 2021-09-14.yaml) and the sample
/// messages'; where IR's test-report template differs only by stray spaces or quotes, the OpenAPI text wins.
/// </summary>
internal static class AccountApiErrors
{
    /// <summary>EV1100's text; the sample message appends <c>": "</c> and the offending field's name.</summary>
    public const string InvalidInputText = "Invalid input parameters. Please check documentation";

    /// <summary>EV1100 for a request that cannot be read at all (content type, size, malformed JSON).</summary>
    public static readonly AccountApiRefusal InvalidRequest = new(400, new AccountApiError("EV1100", "validation", InvalidInputText));

    /// <summary>EV2234: an IRD number (list by <c>IRD</c>) that fails the modulus-11 check.</summary>
    public static readonly AccountApiRefusal CheckDigit = new(400, new AccountApiError("EV2234", "validation", "IR number failed check digit"));

    /// <summary>CST404: no customer or account for the identifier.</summary>
    public static readonly AccountApiRefusal NotFound = new(400, new AccountApiError("CST404", "validation", "A record could not be located for the given identifier."));

    /// <summary>ACT100: the account type is not served (e.g. KiwiSaver <c>KSS</c>).</summary>
    public static readonly AccountApiRefusal NotEligible = new(400, new AccountApiError("ACT100", "validation", "This account type is not eligible to be used in this service."));

    /// <summary>EV1022: the delegation model refuses the caller. 403, as the OpenAPI file and the template say (the sample's file name says 400).</summary>
    public static readonly AccountApiRefusal AccessDenied = new(403, new AccountApiError("EV1022", "security", "Access is not permitted for the requester to perform this operation for the submitted identifier"));

    /// <summary>EU6001: anything unexpected; never a stack trace.</summary>
    public static readonly AccountApiRefusal Unexpected = new(500, new AccountApiError("EU6001", "server", "Unexpected error occurred"));

    /// <summary>EV1100 naming each invalid field, one entry per field, in the OpenAPI file's order.</summary>
    public static AccountApiRefusal InvalidFields(IEnumerable<string> fields) =>
        new(400, fields.Select(f => new AccountApiError("EV1100", "validation", $"{InvalidInputText}: {f}")).ToList());
}
