using System.Xml.Linq;

namespace Waharoa.Server.Sandbox.Soap;

/// <summary>
/// What one of IR's SOAP services gives <see cref="SoapServiceHandler{TOperation, TOutcome}"/>: its contract and paths,
/// its operations' names on the wire, the statuses of its own catalogue for the checks every service makes, the
/// operation itself, and its response writer.
/// </summary>
/// <typeparam name="TOperation">The service's operations.</typeparam>
/// <typeparam name="TOutcome">What an operation answers.</typeparam>
internal interface ISoapService<TOperation, TOutcome>
    where TOperation : struct, Enum
{
    /// <summary>The service's name in messages, e.g. <c>Intermediation</c>.</summary>
    string Name { get; }

    IReadOnlyList<string> Paths { get; }

    SoapContract Contract { get; }

    /// <summary>
    /// The contract a POSTed <paramref name="operation"/> element is validated against: <see cref="Contract"/>, unless the
    /// service serves payloads of several published contracts (the Return service: one per return type and version).
    /// </summary>
    SoapContract ContractFor(XElement operation) => Contract;

    TOperation? FromAction(string? action);

    TOperation? FromBodyElement(XName? name);

    XName BodyElement(TOperation operation);

    /// <summary>
    /// The status of a refusal the gateway made (1, 2, 3 or 5; 5 also for a software platform the calling DSP was not
    /// onboarded with), or the unknown error for any other code.
    /// </summary>
    TOutcome GatewayRefusal(int code);

    /// <summary>The status <paramref name="code"/> of the service's own catalogue, as an injected scenario answers it; the unknown error for a code it has not.</summary>
    TOutcome ScenarioStatus(int code);

    /// <summary>Status 3: an M2M call naming no logon, from a DSP that is no customer: nobody to authorise.</summary>
    TOutcome UnauthorisedAccess { get; }

    /// <summary>Status -1.</summary>
    TOutcome UnknownError { get; }

    /// <summary>Status 20 with <paramref name="particulars"/>.</summary>
    TOutcome Unrecognised(string particulars);

    /// <summary>Status 21 with the schema validator's <paramref name="problem"/>.</summary>
    TOutcome FailedValidation(string problem);

    /// <summary>Runs the schema-valid <paramref name="operation"/> element for <paramref name="call"/>.</summary>
    Task<TOutcome> ExecuteAsync(SandboxCall call, TOperation operation, XElement element, CancellationToken cancellationToken);

    Task WriteAsync(HttpResponse response, TOperation operation, TOutcome outcome, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the response to the <paramref name="request"/> operation element (null when the body had none): as
    /// <see cref="WriteAsync(HttpResponse, TOperation, TOutcome, CancellationToken)"/>, unless the response's schema
    /// depends on the request's (the Return service answers in the version it was asked in).
    /// </summary>
    Task WriteAsync(HttpResponse response, TOperation operation, XElement? request, TOutcome outcome, CancellationToken cancellationToken) =>
        WriteAsync(response, operation, outcome, cancellationToken);
}
