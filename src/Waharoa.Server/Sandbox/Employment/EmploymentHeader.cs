namespace Waharoa.Server.Sandbox.Employment;

/// <summary>The header every operation carries: whom the call is for.</summary>
/// <param name="IdentifierType"><c>IRD</c>, <c>ACCIRD</c> or <c>ACC</c>.</param>
/// <param name="Identifier">The employer's IRD number, or with <c>ACC</c> its account.</param>
/// <param name="AccountType"><c>EMP</c> or <c>PSO</c> (both the employer's PAYE account), or null when absent.</param>
internal sealed record EmploymentHeader(string IdentifierType, string Identifier, string? AccountType);
