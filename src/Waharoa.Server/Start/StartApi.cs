namespace Waharoa.Server.Start;

/// <summary>START's three POST endpoints, which answer a client's failed authentication differently.</summary>
internal enum StartApi
{
    /// <summary><c>/gateway3/oauth/token</c>.</summary>
    Token,

    /// <summary><c>/gateway3/oauth/introspect</c>.</summary>
    Introspect,

    /// <summary><c>/gateway3/oauth/revoke</c>.</summary>
    Revoke,
}
