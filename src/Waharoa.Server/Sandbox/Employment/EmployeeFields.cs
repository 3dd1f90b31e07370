using System.Text.Json.Nodes;
using Waharoa.Employment;

namespace Waharoa.Server.Sandbox.Employment;

/// <summary>
/// Create's <c>createBody</c> or Update's <c>updateBody</c>: the line's own fields as <see cref="EmploymentLine"/> has
/// them, <c>Details</c> the rest by their schema names, and <c>ValidRelationship</c> Update's flag (true for Create).
/// </summary>
internal sealed record EmployeeFields(
    string Ird, EmployeeName Name, string NameOnEiLine, IReadOnlyList<string> TaxCodes, DateOnly? StartDate, DateOnly? FinishDate, DateOnly? DateOfBirth,
    JsonObject Details, bool ValidRelationship)
{
    public string? Detail(string key) => Details[key] is JsonValue value ? value.ToString() : null;

    public bool Has(string key) => Details.ContainsKey(key);

    public bool OptedOut => Detail("optedOut") is "true" or "1";
}
