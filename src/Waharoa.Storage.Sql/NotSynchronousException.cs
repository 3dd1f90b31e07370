namespace Waharoa.Storage.Sql;

/// <summary>
/// A call on a synchronous session returned before it was done: whatever it still does, it does on a connection its
/// caller no longer owns, so the connection is not to be used again.
/// </summary>
internal sealed class NotSynchronousException() : InvalidOperationException("A call on a synchronous session did not complete synchronously.");
