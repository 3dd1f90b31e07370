using System.Xml.Linq;
using Waharoa.Returns;

namespace Waharoa.Server.Sandbox.Returns;

/// <summary>What an operation answers: a status, and on success the data its response body carries.</summary>
internal record ReturnOutcome(ReturnStatus Status)
{
    public static implicit operator ReturnOutcome(ReturnStatus status) => new(status);
}

/// <summary>File: the call's gateway identifier and the return's submission key.</summary>
internal sealed record FiledOutcome(string GatewayId, long SubmissionKey) : ReturnOutcome(ReturnStatus.Success);

/// <summary>Prepop: what IR fills in for the period.</summary>
internal sealed record PrepopOutcome(string AccountId, DateOnly PeriodEnd, GstProfile Profile) : ReturnOutcome(ReturnStatus.Success);

/// <summary>RetrieveStatus: the return's status and submission key (none for a period outstanding, not filed).</summary>
internal sealed record StatusOutcome(string StatusCode, long? SubmissionKey) : ReturnOutcome(ReturnStatus.Success);

/// <summary>RetrieveReturn: the return as filed (or last amended).</summary>
internal sealed record RetrievedOutcome(bool IsNilReturn, XElement FormFields) : ReturnOutcome(ReturnStatus.Success);

/// <summary>RetrieveFilingObligations: the periods outstanding, newest first, with their status code.</summary>
internal sealed record ObligationsOutcome(IReadOnlyList<(DateOnly PeriodEnd, string StatusCode)> Obligations) : ReturnOutcome(ReturnStatus.Success);

/// <summary>EI RetrieveStatus: each return's status, submission key and minor form type (the EI version it was filed in).</summary>
internal sealed record PaydayStatusOutcome(IReadOnlyList<(string StatusCode, long SubmissionKey, string MinorFormType)> Statuses) : ReturnOutcome(ReturnStatus.Success);

/// <summary>EI RetrieveReturn: each return asked for, as filed (or last amended), one <c>responseBody</c> each.</summary>
internal sealed record PaydayReturnsOutcome(IReadOnlyList<(bool IsNilReturn, XElement FormFields)> Returns) : ReturnOutcome(ReturnStatus.Success);

/// <summary>EI Prepop: the employer's account and its current employees.</summary>
internal sealed record EmployeesPrepopOutcome(string AccountId, IReadOnlyList<PrepopEmployee> Employees) : ReturnOutcome(ReturnStatus.Success);

/// <summary>One employee line of an EI Prepop: IRD number (000000000 when unknown), name, tax code, employment dates.</summary>
internal sealed record PrepopEmployee(string Ird, string Name, string? TaxCode, DateOnly? Start, DateOnly? Finish);
