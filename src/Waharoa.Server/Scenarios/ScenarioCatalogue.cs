using Waharoa.Server.Gateway;
using Waharoa.Server.Sandbox.AccountApi;
using Waharoa.Server.Sandbox.Employment;
using Waharoa.Server.Sandbox.Intermediation;
using Waharoa.Server.Sandbox.Returns;
using Waharoa.Server.Sandbox.Soap;
using Waharoa.Server.Start;
using Waharoa.Server.Xiams;

namespace Waharoa.Server.Scenarios;

/// <summary>
/// The outcomes IR documents, per service, that a scenario rule may answer with: each SOAP service's status codes (its own
/// status catalogue, built from the build packs), the Account API's error codes (its OpenAPI file), and each OAuth dialect's
/// error strings (the dialects' own error catalogues).
/// </summary>
internal static class ScenarioCatalogue
{
    public const string Intermediation = "intermediation";
    public const string Returns = "returns";
    public const string Employment = "employment";
    public const string AccountApi = "account-api";
    public const string OAuth = "oauth";

    public static readonly string[] SoapServices = [Intermediation, Returns, Employment];

    public static readonly string[] Services = [Intermediation, Returns, Employment, AccountApi, OAuth];

    public static readonly string[] OAuthOperations = ["authorize", "token", "validate", "revoke", "introspect"];

    /// <summary>A documented SOAP status: its code and IR's text for the service.</summary>
    public sealed record Status(int Code, string Message);

    /// <summary>Each SOAP service's documented statuses, but 0 (success is no outcome to inject), by code.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<Status>> SoapStatuses = new Dictionary<string, IReadOnlyList<Status>>(StringComparer.Ordinal)
    {
        [Intermediation] = Statuses<IntermediationStatus>(s => new Status(s.Code, s.Message)),
        [Returns] = Statuses<ReturnStatus>(s => new Status(s.Code, s.Message)),
        [Employment] = Statuses<EmploymentStatus>(s => new Status(s.Code, s.Message)),
    };

    /// <summary>The Account API's documented errors (Account 2021-09-14.yaml, its sample messages), as the gateway and the service answer them.</summary>
    public static readonly IReadOnlyDictionary<string, AccountApiRefusal> AccountApiErrors = new Dictionary<string, AccountApiRefusal>(StringComparer.Ordinal)
    {
        ["EV1020"] = new(400, new AccountApiError(GatewayErrors.InvalidToken.Code, GatewayErrors.InvalidToken.Type, GatewayErrors.InvalidToken.Message)),
        ["EV1021"] = new(400, new AccountApiError(GatewayErrors.MissingToken.Code, GatewayErrors.MissingToken.Type, GatewayErrors.MissingToken.Message)),
        ["EV1022"] = Sandbox.AccountApi.AccountApiErrors.AccessDenied,
        ["EV1100"] = Sandbox.AccountApi.AccountApiErrors.InvalidRequest,
        ["EV2234"] = Sandbox.AccountApi.AccountApiErrors.CheckDigit,
        ["CST404"] = Sandbox.AccountApi.AccountApiErrors.NotFound,
        ["ACT100"] = Sandbox.AccountApi.AccountApiErrors.NotEligible,
        ["EU6001"] = Sandbox.AccountApi.AccountApiErrors.Unexpected,
    };

    /// <summary>An OAuth error as a dialect writes it.</summary>
    public sealed record OAuthError(int Status, string Error, string Description);

    /// <summary>xIAMS's errors of its token endpoint (authorization code, refresh, validate, revoke), IR's texts.</summary>
    public static readonly IReadOnlyList<OAuthError> XiamsErrorsList = new[]
    {
        XiamsErrors.ClientIdUnknown, XiamsErrors.ClientSecretWrong, XiamsErrors.ClientCertificateMismatch, XiamsErrors.UnsupportedGrantType,
        XiamsErrors.InvalidAuthorizationCode, XiamsErrors.InvalidRedirectUri, XiamsErrors.InvalidRefreshToken, XiamsErrors.ValidationFailed,
        XiamsErrors.ConsentWithdrawn, XiamsErrors.ValidateScopeInvalid, XiamsErrors.CannotTerminate, XiamsErrors.InternalError,
    }.Select(e => new OAuthError(e.Status, e.Error, e.Description)).ToList();

    /// <summary>START's errors of its token, introspection and revocation endpoints, IR's texts.</summary>
    public static readonly IReadOnlyList<OAuthError> StartErrorsList = new[]
    {
        StartErrors.UnknownClient, StartErrors.WrongSecret, StartErrors.NoCredentials, StartErrors.MissingAuthorizationHeader,
        StartErrors.InvalidAuthorizationHeader, StartErrors.UnsupportedGrantType, StartErrors.InvalidCode, StartErrors.ExpiredCode,
        StartErrors.RedirectUriMismatch, StartErrors.InvalidRefreshToken, StartErrors.RefreshNotAllowed, StartErrors.IntrospectionNoCredentials,
        StartErrors.RevocationNoCredentials,
    }.Select(e => new OAuthError(e.Status, e.Error, e.Description)).ToList();

    public static IReadOnlyList<OAuthError> OAuthErrors(string dialect) => dialect == "xiams" ? XiamsErrorsList : StartErrorsList;

    /// <summary>The status <paramref name="code"/> of <paramref name="service"/>, or null when IR documents none such for it.</summary>
    public static Status? SoapStatus(string service, int code) =>
        SoapStatuses.TryGetValue(service, out var statuses) ? statuses.FirstOrDefault(s => s.Code == code) : null;

    private static List<Status> Statuses<T>(Func<T, Status> map)
        where T : class =>
        StatusCatalogue<T>.All
            .Select(map)
            .Where(s => s.Code != 0)
            .DistinctBy(s => s.Code)
            .OrderBy(s => s.Code)
            .ToList();
}
