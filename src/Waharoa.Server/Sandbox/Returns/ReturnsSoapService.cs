using System.Xml.Linq;
using Waharoa.Server.Sandbox.Soap;

namespace Waharoa.Server.Sandbox.Returns;

/// <summary>The Return service as <see cref="SoapServiceHandler{TOperation, TOutcome}"/> serves it.</summary>
internal sealed class ReturnsSoapService(ReturnsService service) : ISoapService<ReturnOperation, ReturnOutcome>
{
    public string Name => "Return";

    public IReadOnlyList<string> Paths => ReturnsEndpoints.Paths;

    public SoapContract Contract => ReturnsContract.Contract;

    public ReturnOutcome UnauthorisedAccess => ReturnStatus.UnauthorisedAccess;

    public ReturnOutcome UnknownError => ReturnStatus.UnknownError;

    public ReturnOperation? FromAction(string? action) => ReturnsContract.FromAction(action);

    public ReturnOperation? FromBodyElement(XName? name) => ReturnsContract.FromBodyElement(name);

    public XName BodyElement(ReturnOperation operation) => ReturnsContract.BodyElement(operation);

    public ReturnOutcome GatewayRefusal(int code) => ReturnStatus.FromGateway(code) ?? ReturnStatus.UnknownError;

    public ReturnOutcome Unrecognised(string particulars) => ReturnStatus.UnrecognisedRequest.Describe(particulars);

    public ReturnOutcome FailedValidation(string problem) => ReturnStatus.FailedValidation.Describe(problem);

    /// <remarks>A nil wrapper is schema-valid but carries nothing: 100 "Invalid request data".</remarks>
    public async Task<ReturnOutcome> ExecuteAsync(SandboxCall call, ReturnOperation operation, XElement element, CancellationToken cancellationToken)
    {
        var request = ReturnRequest.Read(operation, element);
        return request is null ? ReturnStatus.InvalidRequestData : await service.ExecuteAsync(call.Caller, request, cancellationToken);
    }

    public Task WriteAsync(HttpResponse response, ReturnOperation operation, ReturnOutcome outcome, CancellationToken cancellationToken) =>
        ReturnsResponseWriter.WriteAsync(response, operation, outcome, cancellationToken);
}
