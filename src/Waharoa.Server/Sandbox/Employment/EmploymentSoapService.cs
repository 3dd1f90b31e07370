using System.Xml.Linq;
using Waharoa.Server.Sandbox.Soap;

namespace Waharoa.Server.Sandbox.Employment;

/// <summary>The Employment service as <see cref="SoapServiceHandler{TOperation, TOutcome}"/> serves it.</summary>
internal sealed class EmploymentSoapService(EmploymentService service) : ISoapService<EmploymentOperation, EmploymentOutcome>
{
    public string Name => "Employment";

    public IReadOnlyList<string> Paths => EmploymentEndpoints.Paths;

    public SoapContract Contract => EmploymentContract.Contract;

    public EmploymentOutcome UnauthorisedAccess => EmploymentStatus.UnauthorisedAccess;

    public EmploymentOutcome UnknownError => EmploymentStatus.UnknownError;

    public EmploymentOperation? FromAction(string? action) => EmploymentContract.FromAction(action);

    public EmploymentOperation? FromBodyElement(XName? name) => EmploymentContract.FromBodyElement(name);

    public XName BodyElement(EmploymentOperation operation) => EmploymentContract.BodyElement(operation);

    public EmploymentOutcome GatewayRefusal(int code) => EmploymentStatus.FromGateway(code) ?? EmploymentStatus.UnknownError;

    public EmploymentOutcome ScenarioStatus(int code) => StatusCatalogue<EmploymentStatus>.All.FirstOrDefault(s => s.Code == code) ?? EmploymentStatus.UnknownError;

    public EmploymentOutcome Unrecognised(string particulars) => EmploymentStatus.UnrecognisedRequest.Describe(particulars);

    public EmploymentOutcome FailedValidation(string problem) => EmploymentStatus.FailedValidation.Describe(problem);

    /// <remarks>A nil wrapper is schema-valid but carries nothing: 100 "Could not extract data from XML payload".</remarks>
    public async Task<EmploymentOutcome> ExecuteAsync(SandboxCall call, EmploymentOperation operation, XElement element, CancellationToken cancellationToken)
    {
        var request = EmploymentRequest.Read(operation, element);
        return request is null ? EmploymentStatus.CouldNotExtract : await service.ExecuteAsync(call.Caller, request, cancellationToken);
    }

    public Task WriteAsync(HttpResponse response, EmploymentOperation operation, EmploymentOutcome outcome, CancellationToken cancellationToken) =>
        EmploymentResponseWriter.WriteAsync(response, operation, outcome, cancellationToken);
}
