using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace Rollback
{
    /// <summary>Writes a user column of a confirmed frame.</summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    /// <param name="frame">The confirmed frame (read <see cref="ConfirmedFrame{TState, TInput}.State"/> for scores, rewards …).</param>
    /// <param name="field">Where to write the value.</param>
    public delegate void CsvColumnWriter<TState, TInput>(in ConfirmedFrame<TState, TInput> frame, CsvField field)
        where TState : class, IRollbackState
        where TInput : unmanaged;

    /// <summary>Writes one player's input as a CSV field.</summary>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    /// <param name="input">The input.</param>
    /// <param name="field">Where to write it.</param>
    public delegate void CsvInputWriter<TInput>(in TInput input, CsvField field)
        where TInput : unmanaged;

    /// <summary>
    /// Writes one CSV row per confirmed frame: <c>frame,episode,step,input_0..input_{n-1},checksum</c>, then the user
    /// columns. Rows come from the confirmed-frame event, so two peers' files are byte-identical: invariant culture,
    /// <c>\n</c> line endings, no timestamps.
    /// </summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    /// <remarks>
    /// By default an input is written as the lowercase hex of its little-endian bytes and the checksum as 16
    /// lowercase hex digits. The header row is written with the first row (or on <see cref="Flush"/>).
    /// </remarks>
    public sealed class CsvExporter<TState, TInput> : IDisposable
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly IRollbackSession<TState, TInput> _session;
        private readonly TextWriter _writer;
        private readonly bool _leaveOpen;
        private readonly CsvInputWriter<TInput>? _inputWriter;
        private readonly List<string> _columnNames = new List<string>();
        private readonly List<CsvColumnWriter<TState, TInput>> _columns = new List<CsvColumnWriter<TState, TInput>>();
        private readonly FrameConfirmedHandler<TState, TInput> _handler;
        private readonly CsvLine _line = new CsvLine();
        private bool _headerWritten;
        private bool _attached;

        /// <summary>Starts exporting the session's confirmed frames (any session: local, sync test, replay, peer, spectator).</summary>
        /// <param name="session">The session.</param>
        /// <param name="writer">Where rows go.</param>
        /// <param name="inputWriter">Formats an input; <see langword="null"/> writes the hex of its bytes.</param>
        /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves <paramref name="writer"/> open.</param>
        public CsvExporter(IRollbackSession<TState, TInput> session, TextWriter writer, CsvInputWriter<TInput>? inputWriter = null, bool leaveOpen = false)
        {
            _session = session ?? throw new ArgumentNullException(nameof(session));
            _writer = writer ?? throw new ArgumentNullException(nameof(writer));
            _inputWriter = inputWriter;
            _leaveOpen = leaveOpen;
            _handler = OnFrameConfirmed;
            session.FrameConfirmed += _handler;
            _attached = true;
        }

        /// <summary>Rows written.</summary>
        public long Rows { get; private set; }

        /// <summary>Adds a user column (before the first row).</summary>
        /// <param name="name">The header of the column.</param>
        /// <param name="column">Writes the value of a confirmed frame.</param>
        /// <returns>This exporter.</returns>
        public CsvExporter<TState, TInput> AddColumn(string name, CsvColumnWriter<TState, TInput> column)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A column needs a name.", nameof(name));
            }

            if (_headerWritten)
            {
                throw new InvalidOperationException("Columns must be added before the first row is written.");
            }

            _columnNames.Add(name);
            _columns.Add(column ?? throw new ArgumentNullException(nameof(column)));
            return this;
        }

        /// <summary>Writes the header if no row was written yet, and flushes the writer.</summary>
        public void Flush()
        {
            WriteHeaderOnce();
            _writer.Flush();
        }

        /// <summary>Stops exporting, flushes, and closes the writer unless asked to leave it open.</summary>
        public void Dispose()
        {
            if (!_attached)
            {
                return;
            }

            _session.FrameConfirmed -= _handler;
            _attached = false;
            Flush();
            if (!_leaveOpen)
            {
                _writer.Dispose();
            }
        }

        private void WriteHeaderOnce()
        {
            if (_headerWritten)
            {
                return;
            }

            _headerWritten = true;
            _line.Clear();
            _line.AppendRaw("frame,episode,step");
            for (int p = 0; p < _session.PlayerCount; p++)
            {
                _line.Separator();
                _line.AppendRaw("input_");
                _line.AppendInteger(p);
            }

            _line.Separator();
            _line.AppendRaw("checksum");
            foreach (string name in _columnNames)
            {
                _line.Separator();
                _line.AppendText(name.AsSpan());
            }

            _line.EndOfLine();
            _writer.Write(_line.Chars, 0, _line.Length);
        }

        private void OnFrameConfirmed(in ConfirmedFrame<TState, TInput> frame)
        {
            WriteHeaderOnce();
            _line.Clear();
            _line.AppendInteger(frame.Frame);
            _line.Separator();
            _line.AppendInteger(frame.Episode);
            _line.Separator();
            _line.AppendInteger(frame.StepNum);
            foreach (TInput input in frame.Inputs)
            {
                _line.Separator();
                if (_inputWriter is null)
                {
                    TInput copy = input;
                    foreach (byte b in MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref copy, 1)))
                    {
                        _line.AppendHexByte(b);
                    }
                }
                else
                {
                    _inputWriter(in input, new CsvField(_line));
                }
            }

            _line.Separator();
            _line.AppendUnsigned(frame.Checksum, hex: true);
            for (int i = 0; i < _columns.Count; i++)
            {
                _line.Separator();
                _columns[i](in frame, new CsvField(_line));
            }

            _line.EndOfLine();
            _writer.Write(_line.Chars, 0, _line.Length);
            Rows++;
        }
    }
}
