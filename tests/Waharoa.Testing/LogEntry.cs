using Microsoft.Extensions.Logging;

namespace Waharoa.Testing;

/// <summary>One logged entry.</summary>
public sealed record LogEntry(LogLevel Level, string Category, int EventId, string Message);
