using System.Text.Json.Nodes;

namespace Waharoa.Employment;

/// <summary>
/// An event IR raised for an employer (a deduction notice for child support, student loan or KiwiSaver, a tax code
/// change…), as the Employment service's Event operation lists it. Seeded: IR raises them, the employer only reads.
/// </summary>
/// <param name="AccountId">The employer's EMP account.</param>
/// <param name="EventId">IR's event identifier, unique for the account.</param>
/// <param name="Type">IR's event type, e.g. <c>CSDEDS</c>.</param>
/// <param name="EmployeeIrd">The employee the event is about, or null.</param>
/// <param name="Created">When IR raised it (New Zealand time, as IR writes it): what Event's date range filters on.</param>
/// <param name="Fields">Every field of the event by IR's element names (<c>eventID</c> … <c>created</c>), in the schema's order.</param>
public sealed record EmployerEvent(string AccountId, long EventId, string Type, string? EmployeeIrd, DateTime Created, JsonObject Fields);
