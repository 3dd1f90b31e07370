namespace Waharoa.Server.Sandbox.AccountApi;

/// <summary>An Account API answer other than success: the HTTP status and the <c>errors</c> array.</summary>
internal sealed record AccountApiRefusal(int Status, IReadOnlyList<AccountApiError> Errors)
{
    public AccountApiRefusal(int status, AccountApiError error)
        : this(status, [error])
    {
    }
}
