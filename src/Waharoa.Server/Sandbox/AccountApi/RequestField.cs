namespace Waharoa.Server.Sandbox.AccountApi;

/// <summary>A required string field of a request body, with the OpenAPI file's length bounds and enum.</summary>
internal sealed record RequestField(string Name, int MinLength, int MaxLength, IReadOnlyList<string>? Allowed = null)
{
    /// <summary><c>list</c>: <c>list_POST_Request</c>.</summary>
    public static readonly RequestField[] ListRequest =
    [
        new("CustomerID", 9, 10),
        new("CustomerIDType", 3, 3, ["IRD", "CST"]),
    ];

    /// <summary><c>account</c>: <c>account_POST_Request</c>.</summary>
    public static readonly RequestField[] AccountRequest =
    [
        new("AccountID", 7, 15),
        new("AccountIDType", 3, 6, ["ACC", "CMPF", "KSF"]),
    ];

    public bool Accepts(string value) =>
        value.Length >= MinLength && value.Length <= MaxLength && (Allowed is null || Allowed.Contains(value, StringComparer.Ordinal));
}
