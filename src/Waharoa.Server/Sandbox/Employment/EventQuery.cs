namespace Waharoa.Server.Sandbox.Employment;

/// <summary>Event's <c>eventBody</c>.</summary>
internal sealed record EventQuery(string? EmployeeIrd, DateOnly From, DateOnly? To, string? EventType);
