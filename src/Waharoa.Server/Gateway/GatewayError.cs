namespace Waharoa.Server.Gateway;

/// <summary>A gateway refusal: status, the REST error code and type, and the message.</summary>
internal sealed record GatewayError(int Status, string Code, string Type, string Message);
