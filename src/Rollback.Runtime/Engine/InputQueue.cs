using System;

namespace Rollback
{
    /// <summary>
    /// One player's inputs by frame, in a ring: the confirmed input of each frame once known, the input
    /// each simulated frame actually used, and the first simulated frame whose used input turned out
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
        private readonly Slot[] _slots;
        private readonly IInputPredictor<TInput> _predictor;
        private readonly TInput _defaultInput;
        private readonly int _player;
        private int _contiguous;              // every frame <= this is confirmed
        private TInput _lastConfirmedInput;   // the input at _contiguous
        private int _floor;                   // oldest frame still needed
        private int _disconnectFrame = int.MaxValue;

        public InputQueue(int player, int startFrame, int capacity, TInput defaultInput, IInputPredictor<TInput> predictor)
        {
            _player = player;
            _slots = new Slot[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _slots[i].Frame = -1;
            }

            _defaultInput = defaultInput;
            _predictor = predictor;
            _contiguous = startFrame - 1;
            _lastConfirmedInput = defaultInput;
            _floor = startFrame;
        }

        /// <summary>The first frame whose input is not known yet (int.MaxValue once disconnected and caught up).</summary>
        public int NextUnconfirmedFrame => _contiguous + 1 >= _disconnectFrame ? int.MaxValue : _contiguous + 1;

        /// <summary>The earliest simulated frame whose used input differs from the confirmed one, or int.MaxValue.</summary>
        public int FirstIncorrectFrame { get; private set; } = int.MaxValue;

        /// <summary>The frame from which this player is disconnected, or int.MaxValue.</summary>
        public int DisconnectFrame => _disconnectFrame;

        /// <summary>Forgets the mispredictions once a rollback has replayed them.</summary>
        public void ClearIncorrect() => FirstIncorrectFrame = int.MaxValue;

        /// <summary>Frames before <paramref name="floor"/> are final; their slots may be reused.</summary>
        public void DiscardBefore(int floor) => _floor = Math.Max(_floor, floor);

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
        /// contradicts a frame already final throws <see cref="RollbackImpossibleException"/>.
        /// </summary>
        public void AddConfirmed(int frame, TInput input)
        {
            if (frame >= _disconnectFrame)
            {
                return;
            }

            if (frame >= _floor + _slots.Length)
            {
                throw new InvalidOperationException(
                    $"Input of player {_player} for frame {frame} arrived too early: only frames {_floor}..{_floor + _slots.Length - 1} can be buffered. A peer cannot legally be that far ahead.");
            }

            ref Slot slot = ref _slots[frame % _slots.Length];
            if (slot.Frame == frame && slot.Confirmed)
            {
                if (!BitEquals(slot.Input, input))
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

            if (slot.Frame != frame)
            {
                slot.Frame = frame;
                slot.Simulated = false;
            }

            slot.Confirmed = true;
            slot.Input = input;
            if (slot.Simulated && !BitEquals(slot.Used, input))
            {
                FirstIncorrectFrame = Math.Min(FirstIncorrectFrame, frame);
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
            for (int i = 0; i < _slots.Length; i++)
            {
                ref Slot slot = ref _slots[i];
                if (slot.Frame >= frame && slot.Simulated && !BitEquals(slot.Used, _defaultInput))
                {
                    FirstIncorrectFrame = Math.Min(FirstIncorrectFrame, slot.Frame);
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
            TInput input;
            ref Slot slot = ref _slots[frame % _slots.Length];
            if (frame >= _disconnectFrame)
            {
                input = _defaultInput;
            }
            else if (slot.Frame == frame && slot.Confirmed)
            {
                input = slot.Input;
            }
            else
            {
                input = _predictor.Predict(_player, frame, _contiguous, in _lastConfirmedInput);
            }

            if (slot.Frame != frame)
            {
                slot.Frame = frame;
                slot.Confirmed = false;
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

            ref Slot slot = ref _slots[frame % _slots.Length];
            if (frame >= 0 && slot.Frame == frame && slot.Confirmed)
            {
                input = slot.Input;
                return true;
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

                ref Slot slot = ref _slots[next % _slots.Length];
                if (slot.Frame != next || !slot.Confirmed)
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
            public int Frame;
            public bool Confirmed;
            public bool Simulated;
            public TInput Input;
            public TInput Used;
        }
    }
}
