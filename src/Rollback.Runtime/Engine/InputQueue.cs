using System;
using Rollback.Collections;

namespace Rollback
{
    /// <summary>
    /// One player's inputs by frame, in a <see cref="FrameRing{T}"/>: the confirmed input of each frame once known,
    /// the input each simulated frame actually used, and the first simulated frame whose used input turned out
    /// wrong. Frames at or after the disconnect frame use the agreed default input.
    /// </summary>
    /// <remarks>
    /// Confirmed inputs may arrive out of order; <see cref="NextUnconfirmedFrame"/> is the first frame
    /// not yet known (every earlier frame is). Frames older than the engine's floor (already confirmed
    /// and reported) are kept until their slot is reused, only to check late duplicates.
    /// </remarks>
    internal sealed class InputQueue<TInput>
        where TInput : unmanaged
    {
        private readonly FrameRing<Slot> _ring;
        private readonly IInputPredictor<TInput> _predictor;
        private readonly bool _repeatLast;     // the default predictor: no call needed
        private readonly TInput _defaultInput;
        private readonly int _player;
        private int _contiguous;              // every frame <= this is confirmed
        private TInput _lastConfirmedInput;   // the input at _contiguous
        private int _floor;                   // oldest frame still needed
        private int _disconnectFrame = int.MaxValue;

        public InputQueue(int player, int startFrame, int capacity, TInput defaultInput, IInputPredictor<TInput> predictor)
        {
            _player = player;
            _ring = new FrameRing<Slot>(capacity);
            _defaultInput = defaultInput;
            _predictor = predictor ?? throw new ArgumentNullException(nameof(predictor));
            _repeatLast = predictor is RepeatLastInputPredictor<TInput>;
            _contiguous = startFrame - 1;
            _lastConfirmedInput = defaultInput;
            _floor = startFrame;
        }

        /// <summary>How many frames the queue can buffer ahead of its floor.</summary>
        public int Capacity => _ring.Capacity;

        /// <summary>The first frame whose input is not known yet (int.MaxValue once disconnected and caught up).</summary>
        public int NextUnconfirmedFrame => _contiguous + 1 >= _disconnectFrame ? int.MaxValue : _contiguous + 1;

        /// <summary>The earliest simulated frame whose used input differs from the confirmed one, or int.MaxValue.</summary>
        public int FirstIncorrectFrame { get; private set; } = int.MaxValue;

        /// <summary>The frame from which this player is disconnected, or int.MaxValue.</summary>
        public int DisconnectFrame => _disconnectFrame;

        /// <summary>Frames before this one are final; their slots may be reused.</summary>
        public int Floor => _floor;

        /// <summary>Forgets the mispredictions once a rollback has replayed them.</summary>
        public void ClearIncorrect() => FirstIncorrectFrame = int.MaxValue;

        /// <summary>Frames before <paramref name="floor"/> are final; their slots may be reused.</summary>
        public void DiscardBefore(int floor)
        {
            if (floor > _floor)
            {
                _floor = floor;
            }
        }

        /// <summary>
        /// Adds a local input given at <paramref name="currentFrame"/>, for frame currentFrame + delay.
        /// Frames skipped because the delay grew repeat the last input; an input for a frame already
        /// filled (the delay shrank) is dropped.
        /// </summary>
        public void AddLocal(int currentFrame, int delay, in TInput input)
        {
            int target = currentFrame + delay;
            if (target <= _contiguous)
            {
                return;
            }

            while (_contiguous + 1 < target)
            {
                AddConfirmed(_contiguous + 1, _lastConfirmedInput);
            }

            AddConfirmed(target, input);
        }

        /// <summary>Fills the frames from the first unknown one up to <paramref name="lastFrame"/> with the agreed default input.</summary>
        public void FillDefault(int lastFrame)
        {
            while (_contiguous < lastFrame)
            {
                AddConfirmed(_contiguous + 1, _defaultInput);
            }
        }

        /// <summary>
        /// Records the confirmed input of <paramref name="frame"/>. A duplicate is ignored; a duplicate that
        /// contradicts a frame already confirmed throws <see cref="RollbackImpossibleException"/>.
        /// </summary>
        public void AddConfirmed(int frame, TInput input)
        {
            if (frame >= _disconnectFrame)
            {
                return;
            }

            if (frame >= _floor + _ring.Capacity)
            {
                throw new InvalidOperationException(
                    $"Input of player {_player} for frame {frame} arrived too early: only frames {_floor}..{_floor + _ring.Capacity - 1} can be buffered. A peer cannot legally be that far ahead.");
            }

            ref Slot found = ref _ring.Find(frame, out bool held);
            if (held && found.Confirmed)
            {
                if (!BitEquals(found.Input, input))
                {
                    throw Conflict(frame);
                }

                return;
            }

            if (frame < _floor || frame <= _contiguous)
            {
                // Older than any retained input (a late duplicate we can no longer check), or known.
                return;
            }

            ref Slot slot = ref _ring.Claim(frame, out bool alreadyHeld);
            if (!alreadyHeld)
            {
                slot.Simulated = false;
            }

            slot.Confirmed = true;
            slot.Input = input;
            if (slot.Simulated && !BitEquals(slot.Used, input) && frame < FirstIncorrectFrame)
            {
                FirstIncorrectFrame = frame;
            }

            AdvanceContiguous();
        }

        /// <summary>
        /// From <paramref name="frame"/> on, this player's input is the agreed default. Simulated frames that
        /// used another input become mispredictions.
        /// </summary>
        public void Disconnect(int frame)
        {
            if (frame < _floor)
            {
                throw new RollbackImpossibleException(
                    frame,
                    $"Cannot disconnect player {_player} at frame {frame}: frames before {_floor} are already confirmed and reported.");
            }

            if (_disconnectFrame != int.MaxValue && _disconnectFrame != frame)
            {
                throw new InvalidOperationException($"Player {_player} is already disconnected at frame {_disconnectFrame}.");
            }

            _disconnectFrame = frame;
            int last = _floor + _ring.Capacity - 1;
            for (int f = frame; f <= last; f++)
            {
                ref Slot slot = ref _ring.Find(f, out bool held);
                if (held && slot.Simulated && !BitEquals(slot.Used, _defaultInput))
                {
                    FirstIncorrectFrame = Math.Min(FirstIncorrectFrame, f);
                    break;
                }
            }

            if (_contiguous >= frame)
            {
                _contiguous = frame - 1;
            }
        }

        /// <summary>The input frame <paramref name="frame"/> is simulated with: confirmed when known, predicted otherwise. Remembered for misprediction checks.</summary>
        public TInput ForSimulation(int frame)
        {
            ref Slot slot = ref _ring.Claim(frame, out bool alreadyHeld);
            if (!alreadyHeld)
            {
                slot.Confirmed = false;
            }

            TInput input;
            if (frame >= _disconnectFrame)
            {
                input = _defaultInput;
            }
            else if (slot.Confirmed)
            {
                input = slot.Input;
            }
            else if (_repeatLast)
            {
                input = _lastConfirmedInput;
            }
            else
            {
                input = _predictor.Predict(_player, frame, _contiguous, in _lastConfirmedInput);
            }

            slot.Simulated = true;
            slot.Used = input;
            return input;
        }

        /// <summary>The confirmed input of <paramref name="frame"/>, when known and still retained.</summary>
        public bool TryGetConfirmed(int frame, out TInput input)
        {
            if (frame >= _disconnectFrame)
            {
                input = _defaultInput;
                return true;
            }

            if (frame >= 0)
            {
                ref Slot slot = ref _ring.Find(frame, out bool held);
                if (held && slot.Confirmed)
                {
                    input = slot.Input;
                    return true;
                }
            }

            input = default;
            return false;
        }

        private void AdvanceContiguous()
        {
            while (true)
            {
                int next = _contiguous + 1;
                if (next >= _disconnectFrame)
                {
                    return;
                }

                ref Slot slot = ref _ring.Find(next, out bool held);
                if (!held || !slot.Confirmed)
                {
                    return;
                }

                _contiguous = next;
                _lastConfirmedInput = slot.Input;
            }
        }

        private RollbackImpossibleException Conflict(int frame) =>
            new RollbackImpossibleException(
                frame,
                frame < _floor
                    ? $"Player {_player}'s input for frame {frame} contradicts the input already confirmed and reported for that frame; no rollback can correct a reported frame."
                    : $"Player {_player}'s input for frame {frame} contradicts the input already confirmed for that frame.");

        internal static bool BitEquals(TInput a, TInput b) => Snapshots.SnapshotCompare.BitEquals(a, b);

        private struct Slot
        {
            public bool Confirmed;
            public bool Simulated;
            public TInput Input;
            public TInput Used;
        }
    }
}
