using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Waharoa.Testing;

/// <summary>A logger provider that keeps every entry, for tests that assert on what was logged.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>Every entry so far, in order.</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Entries at <paramref name="level"/> whose category ends with <paramref name="category"/>.</summary>
    public IReadOnlyList<LogEntry> At(LogLevel level, string category) =>
        [.. _entries.Where(e => e.Level == level && e.Category.EndsWith(category, StringComparison.Ordinal))];

    /// <summary>
    /// Entries above Debug, as text, but the host's start and stop lines: with <see cref="WaharoaTestHost"/>'s
    /// <c>logs</c>, what a fault of Waharoa's own or a line on the server's console would leave.
    /// </summary>
    public IReadOnlyList<string> AboveDebug() =>
        [.. _entries.Where(e => e.Level > LogLevel.Debug && !e.Category.StartsWith("Microsoft.Hosting.Lifetime", StringComparison.Ordinal))
            .Select(e => $"{e.Level} {e.Category}[{e.EventId}] {e.Message}")];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogRecorder recorder, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            recorder._entries.Enqueue(new LogEntry(logLevel, category, eventId.Id, formatter(state, exception)));
    }
}
