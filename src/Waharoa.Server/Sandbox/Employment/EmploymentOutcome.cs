using Waharoa.Employment;

namespace Waharoa.Server.Sandbox.Employment;

/// <summary>What an operation answers: a status, and for RetrieveList and Event on success the data its response carries.</summary>
internal record EmploymentOutcome(EmploymentStatus Status)
{
    public static implicit operator EmploymentOutcome(EmploymentStatus status) => new(status);
}

/// <summary>RetrieveList: the employer's lines asked for, in the order they were started.</summary>
internal sealed record ListOutcome(IReadOnlyList<EmploymentLine> Lines) : EmploymentOutcome(EmploymentStatus.Success);

/// <summary>Event: the employer's events asked for, in IR's order.</summary>
internal sealed record EventsOutcome(IReadOnlyList<EmployerEvent> Events) : EmploymentOutcome(EmploymentStatus.Success);
