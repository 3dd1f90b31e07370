namespace Waharoa.Employment;

/// <summary>An employee's name in the parts IR's <c>employeeName</c> has; IR requires only the first name.</summary>
/// <param name="Title">e.g. <c>Mr</c>, or null.</param>
/// <param name="First">The first name.</param>
/// <param name="Surname">The surname, or null.</param>
/// <param name="Middle">The middle name, or null.</param>
public sealed record EmployeeName(string? Title, string First, string? Surname, string? Middle);
