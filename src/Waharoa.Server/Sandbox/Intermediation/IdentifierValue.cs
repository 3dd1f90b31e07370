namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>A <c>cmn:IdentifierType</c>: a value and its <c>IdentifierValueType</c> (IRD, ACCIRD, CST, LSTID, CLTLID …).</summary>
internal sealed record IdentifierValue(string Value, string Type);
