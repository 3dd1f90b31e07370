using System.Xml.Linq;
using Waharoa.Server.Sandbox.Soap;

namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>The Intermediation service as <see cref="SoapServiceHandler{TOperation, TOutcome}"/> serves it.</summary>
internal sealed class IntermediationSoapService(IntermediationService service) : ISoapService<IntermediationOperation, IntermediationOutcome>
{
    public string Name => "Intermediation";

    public IReadOnlyList<string> Paths => IntermediationEndpoints.Paths;

    public SoapContract Contract => IntermediationSchemas.Contract;

    public IntermediationOutcome UnauthorisedAccess => IntermediationStatus.UnauthorisedAccess;

    public IntermediationOutcome UnknownError => IntermediationStatus.UnknownError;

    public IntermediationOperation? FromAction(string? action) => IntermediationContract.FromAction(action);

    public IntermediationOperation? FromBodyElement(XName? name) => IntermediationContract.FromBodyElement(name);

    public XName BodyElement(IntermediationOperation operation) => IntermediationContract.BodyElement(operation);

    public IntermediationOutcome GatewayRefusal(int code) => IntermediationStatus.FromGateway(code) ?? IntermediationStatus.UnknownError;

    public IntermediationOutcome ScenarioStatus(int code) => StatusCatalogue<IntermediationStatus>.All.FirstOrDefault(s => s.Code == code) ?? IntermediationStatus.UnknownError;

    public IntermediationOutcome Unrecognised(string particulars) => IntermediationStatus.UnrecognisedRequest.Describe(particulars);

    public IntermediationOutcome FailedValidation(string problem) => IntermediationStatus.FailedValidation.Describe(problem);

    public async Task<IntermediationOutcome> ExecuteAsync(SandboxCall call, IntermediationOperation operation, XElement element, CancellationToken cancellationToken)
    {
        var request = IntermediationRequest.Read(operation, element);
        return request is null ? IntermediationStatus.CouldNotExtract : await service.ExecuteAsync(call.Caller, request, cancellationToken);
    }

    public Task WriteAsync(HttpResponse response, IntermediationOperation operation, IntermediationOutcome outcome, CancellationToken cancellationToken) =>
        IntermediationResponseWriter.WriteAsync(response, operation, outcome, cancellationToken);
}
