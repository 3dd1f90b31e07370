namespace Waharoa.Server.Xiams;

/// <summary>One xIAMS error as it goes on the wire: status, <c>error</c> and <c>error_description</c>.</summary>
internal sealed record XiamsError(int Status, string Error, string Description);
