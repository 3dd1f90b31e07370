namespace Waharoa.Server.Sandbox.AccountApi;

/// <summary>One entry of the Account API's <c>errors</c> array.</summary>
/// <param name="Code">IR's code (<c>EV1100</c>, <c>CST404</c>, …).</param>
/// <param name="Type"><c>validation</c>, <c>security</c> or <c>server</c>.</param>
/// <param name="Message">IR's text.</param>
internal sealed record AccountApiError(string Code, string Type, string Message);
