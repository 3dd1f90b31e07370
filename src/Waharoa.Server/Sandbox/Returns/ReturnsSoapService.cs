using System.Xml.Linq;
using Waharoa.Server.Sandbox.Soap;

namespace Waharoa.Server.Sandbox.Returns;

/// <summary>The Return service as <see cref="SoapServiceHandler{TOperation, TOutcome}"/> serves it.</summary>
internal sealed class ReturnsSoapService(ReturnsService service) : ISoapService<ReturnOperation, ReturnOutcome>
{
    public string Name => "Return";

    public IReadOnlyList<string> Paths => ReturnsEndpoints.Paths;

    /// <summary>GST's contract: the one <c>?wsdl</c> serves.</summary>
    public SoapContract Contract => ReturnsContract.Contract;

    /// <summary>The contract of the request's schema version (GST's v1 or EI's v2), by its payload's namespace.</summary>
    public SoapContract ContractFor(XElement operation) => ReturnsVersion.Of(operation).Contract;

    public ReturnOutcome UnauthorisedAccess => ReturnStatus.UnauthorisedAccess;

    public ReturnOutcome UnknownError => ReturnStatus.UnknownError;

    public ReturnOperation? FromAction(string? action) => ReturnsContract.FromAction(action);

    public ReturnOperation? FromBodyElement(XName? name) => ReturnsContract.FromBodyElement(name);

    public XName BodyElement(ReturnOperation operation) => ReturnsContract.BodyElement(operation);

    public ReturnOutcome GatewayRefusal(int code) => ReturnStatus.FromGateway(code) ?? ReturnStatus.UnknownError;

    public ReturnOutcome ScenarioStatus(int code) => StatusCatalogue<ReturnStatus>.All.FirstOrDefault(s => s.Code == code) ?? ReturnStatus.UnknownError;

    public ReturnOutcome Unrecognised(string particulars) => ReturnStatus.UnrecognisedRequest.Describe(particulars);

    public ReturnOutcome FailedValidation(string problem) => ReturnStatus.FailedValidation.Describe(problem);

    /// <remarks>
    /// A nil wrapper is schema-valid but carries nothing: 100 "Invalid request data". A v2 request's schema leaves
    /// majorFormType open (and optional on retrieve requests), but its payloads are EI's: IR's EI template expects 21 for
    /// one missing or other than EI2 (EI007, EI009, EI026).
    /// </remarks>
    public async Task<ReturnOutcome> ExecuteAsync(SandboxCall call, ReturnOperation operation, XElement element, CancellationToken cancellationToken)
    {
        var version = ReturnsVersion.Of(element);
        var request = ReturnRequest.Read(version, operation, element);
        if (request is null)
        {
            return ReturnStatus.InvalidRequestData;
        }

        if (version == ReturnsVersion.V2 && !version.MajorFormTypes.Contains(request.MajorFormType, StringComparer.Ordinal))
        {
            return ReturnStatus.FailedValidation.Describe(request.MajorFormType.Length == 0
                ? "The element 'majorFormType' is required: a v2 payload of the Return service is an Employment Information (EI2) one."
                : $"The majorFormType '{request.MajorFormType}' is not one of a v2 payload's ({string.Join(", ", version.MajorFormTypes)}).");
        }

        return await service.ExecuteAsync(call.Caller, request, cancellationToken);
    }

    public Task WriteAsync(HttpResponse response, ReturnOperation operation, ReturnOutcome outcome, CancellationToken cancellationToken) =>
        ReturnsResponseWriter.WriteAsync(response, ReturnsVersion.V1, operation, outcome, cancellationToken);

    public Task WriteAsync(HttpResponse response, ReturnOperation operation, XElement? request, ReturnOutcome outcome, CancellationToken cancellationToken) =>
        ReturnsResponseWriter.WriteAsync(response, ReturnsVersion.Of(request), operation, outcome, cancellationToken);
}
