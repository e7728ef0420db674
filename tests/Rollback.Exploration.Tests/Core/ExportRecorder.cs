using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Rollback.Exploration.Tests.Game;

namespace Rollback.Exploration.Tests.Core
{
    /// <summary>
    /// One endpoint's export (one invariant-culture line per confirmed frame: frame, episode, step, checksum, a hash of
    /// the inputs, the game's columns) plus the record-by-record timeline check: frames in order, StepNum = steps since
    /// the episode began, episode ends where the rules say.
    /// </summary>
    /// <typeparam name="TState">The state.</typeparam>
    /// <typeparam name="TInput">The input.</typeparam>
    public sealed class ExportRecorder<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly IExploredGame<TState, TInput> _game;
        private readonly ISimulation<TState, TInput> _rules;
        private readonly StringBuilder _line = new StringBuilder();
        private int _expectedFrame;
        private int _episode;
        private int _steps;
        private bool _previousWasOver;

        /// <summary>Creates a recorder.</summary>
        /// <param name="game">The game (for its columns).</param>
        /// <param name="rules">The rules (for episode ends).</param>
        public ExportRecorder(IExploredGame<TState, TInput> game, ISimulation<TState, TInput> rules)
        {
            _game = game;
            _rules = rules;
            Handler = OnConfirmed;
        }

        /// <summary>The handler to attach to a session's confirmed-frame event.</summary>
        public FrameConfirmedHandler<TState, TInput> Handler { get; }

        /// <summary>The export lines, one per confirmed frame.</summary>
        public List<string> Rows { get; } = new List<string>();

        /// <summary>The last frame of each finished episode, from the confirmed records.</summary>
        public List<int> EpisodeEnds { get; } = new List<int>();

        /// <summary>Timeline errors (at most 10 kept).</summary>
        public List<string> Errors { get; } = new List<string>();

        /// <summary>Whether the last confirmed state ends an episode.</summary>
        public bool LastEndsEpisode => _previousWasOver;

        /// <summary>The episode of the last confirmed frame.</summary>
        public int LastEpisode => _episode;

        private void OnConfirmed(in ConfirmedFrame<TState, TInput> f)
        {
            if (f.Frame != _expectedFrame)
            {
                Error($"frame {f.Frame} confirmed, expected {_expectedFrame}");
            }

            _expectedFrame = f.Frame + 1;
            if (_previousWasOver)
            {
                EpisodeEnds.Add(f.Frame - 1);
                _episode++;
                _steps = 0;
            }

            _steps++;
            TState state = f.State;
            if (f.Episode != _episode || state.Episode != _episode)
            {
                Error($"frame {f.Frame}: episode {f.Episode} (state {state.Episode}), expected {_episode}");
            }

            if (f.StepNum != _steps || state.StepNum != _steps)
            {
                Error($"frame {f.Frame}: StepNum {f.StepNum} (state {state.StepNum}), expected {_steps} steps since the episode began");
            }

            if (state.Frame != f.Frame + 1)
            {
                Error($"frame {f.Frame}: state Frame {state.Frame}, expected {f.Frame + 1}");
            }

            ulong inputHash = 0xCBF29CE484222325UL;
            foreach (byte b in MemoryMarshal.AsBytes(f.Inputs))
            {
                inputHash = (inputHash ^ b) * 0x100000001B3UL;
            }

            _line.Clear();
            _line.Append(f.Frame.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(f.Episode.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(f.StepNum.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(f.Checksum.ToString("x16", CultureInfo.InvariantCulture)).Append(',')
                .Append(inputHash.ToString("x16", CultureInfo.InvariantCulture)).Append(',');
            _game.AppendColumns(_line, state);
            Rows.Add(_line.ToString());
            _previousWasOver = _rules.IsEpisodeOver(state);
        }

        private void Error(string message)
        {
            if (Errors.Count < 10)
            {
                Errors.Add(message);
            }
        }
    }
}
