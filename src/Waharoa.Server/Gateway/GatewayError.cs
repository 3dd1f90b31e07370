namespace Waharoa.Server.Gateway;

/// <summary>A gateway refusal: status, the REST error code and type, and the message.</summary>
internal sealed record GatewayError(int Status, string Code, string Type, string Message)
{
    /// <summary>The IR gateway status code a SOAP service answers with for this refusal (build pack §5.1), if any.</summary>
    public int? SoapStatus { get; init; }
}
