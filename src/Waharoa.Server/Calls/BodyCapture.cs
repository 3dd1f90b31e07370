using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Waharoa.Server.Calls;

/// <summary>The first bytes of a body, up to a limit, kept as they pass; nothing is copied beyond the limit.</summary>
internal sealed class BodyCapture(int limit)
{
    private byte[]? _buffer;

    public int Length { get; private set; }

    /// <summary>True when more passed than was kept.</summary>
    public bool Truncated { get; private set; }

    /// <summary>True once the end of the body was seen.</summary>
    public bool Ended { get; set; }

    public bool IsFull => Length >= limit;

    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Length);

    public void Add(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var room = limit - Length;
        if (room <= 0)
        {
            Truncated = true;
            return;
        }

        var take = Math.Min(room, data.Length);
        if (_buffer is null || _buffer.Length < Length + take)
        {
            // The first chunk exactly (a body is usually written in one), then doubling.
            var grown = new byte[Math.Min(limit, Math.Max(Length + take, (_buffer?.Length ?? 0) * 2))];
            _buffer?.AsSpan(0, Length).CopyTo(grown);
            _buffer = grown;
        }

        data[..take].CopyTo(_buffer.AsSpan(Length));
        Length += take;
        Truncated |= take < data.Length;
    }
}

/// <summary>The request body as the server reads it, its first bytes kept in a <see cref="BodyCapture"/>.</summary>
internal sealed class CapturingRequestStream(Stream inner, BodyCapture capture) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Seen(inner.Read(buffer, offset, count), buffer.AsSpan(offset));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Seen(await inner.ReadAsync(buffer, cancellationToken), buffer.Span);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Seen(int read, Span<byte> buffer)
    {
        if (read == 0)
        {
            capture.Ended = true;
        }
        else
        {
            capture.Add(buffer[..read]);
        }

        return read;
    }
}

/// <summary>
/// The response body feature, with every byte written also offered to a <see cref="BodyCapture"/>; the first write,
/// flush or start (what may let the answer reach its caller) is told to the <see cref="CallRecordWriter"/>.
/// </summary>
internal sealed class CapturingResponseBody : Stream, IHttpResponseBodyFeature
{
    private readonly IHttpResponseBodyFeature _inner;
    private readonly BodyCapture _capture;
    private readonly CallRecordWriter _recorder;
    private PipeWriter? _writer;

    public CapturingResponseBody(IHttpResponseBodyFeature inner, BodyCapture capture, CallRecordWriter recorder)
    {
        _inner = inner;
        _capture = capture;
        _recorder = recorder;
    }

    /// <summary>Whether the answer may have begun to reach the caller (and <see cref="CallRecordWriter.Answering"/> was called).</summary>
    public bool Answering { get; private set; }

    Stream IHttpResponseBodyFeature.Stream => this;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void DisableBuffering() => _inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        Answer();
        return _inner.StartAsync(cancellationToken);
    }

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(this, path, offset, count, cancellationToken);

    /// <summary>Writes out what the pipe writer holds; the inner feature completes the response.</summary>
    public async Task CompleteAsync()
    {
        if (_writer is not null)
        {
            try
            {
                await _writer.CompleteAsync();
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client has gone: there is nothing more to send.
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Answer();
        _capture.Add(buffer.AsSpan(offset, count));
        _inner.Stream.Write(buffer, offset, count);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Answer();
        _capture.Add(buffer.Span);
        return _inner.Stream.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
        Answer();
        _inner.Stream.Flush();
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Answer();
        return _inner.Stream.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Answer()
    {
        if (!Answering)
        {
            Answering = true;
            _recorder.Answering();
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
