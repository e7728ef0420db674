using System;

namespace Rollback
{
    /// <summary>How a <see cref="RollbackEngine{TState, TInput}"/> is set up. Every peer of a session must agree on
    /// <see cref="PlayerCount"/> and <see cref="DefaultInput"/>.</summary>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    public sealed class RollbackOptions<TInput>
        where TInput : unmanaged
    {
        /// <summary>Largest supported <see cref="PredictionWindow"/>.</summary>
        public const int MaxPredictionWindow = 1024;

        /// <summary>Largest supported player count.</summary>
        public const int MaxPlayers = 256;

        /// <summary>Number of players; each gets one input per frame. Default 2.</summary>
        public int PlayerCount { get; set; } = 2;

        /// <summary>
        /// The players whose inputs this process supplies through <see cref="RollbackEngine{TState, TInput}.AdvanceFrame"/>,
        /// in the order of its span. The others are remote: their inputs arrive through
        /// <see cref="RollbackEngine{TState, TInput}.AddRemoteInput"/>. <see langword="null"/> (the default) means every player is local.
        /// </summary>
        public int[]? LocalPlayers { get; set; }

        /// <summary>
        /// How many frames may be simulated ahead of the earliest missing remote input (a hard limit;
        /// past it <see cref="RollbackEngine{TState, TInput}.AdvanceFrame"/> returns <see cref="Advance.Wait"/>).
        /// 0 means lockstep. Default 8.
        /// </summary>
        public int PredictionWindow { get; set; } = 8;

        /// <summary>
        /// Frames between a local input being given and the frame it applies to. Can be changed while
        /// running with <see cref="RollbackEngine{TState, TInput}.InputDelay"/>. Default 0.
        /// </summary>
        public int InputDelay { get; set; }

        /// <summary>The largest input delay the engine must be able to buffer. Default 16.</summary>
        public int MaxInputDelay { get; set; } = 16;

        /// <summary>
        /// The agreed input used for frames before the input delay and for every frame of a disconnected
        /// player. Default <c>default(TInput)</c>.
        /// </summary>
        public TInput DefaultInput { get; set; }

        /// <summary>Guesses missing remote inputs. <see langword="null"/> (the default) repeats the last confirmed input.</summary>
        public IInputPredictor<TInput>? Predictor { get; set; }

        /// <summary>
        /// A snapshot (from <see cref="IRollbackState.Save"/>) to restore into the new state before the first frame,
        /// for example the initial snapshot of a recording. Its <c>Frame</c> becomes the engine's first frame.
        /// </summary>
        public byte[]? InitialSnapshot { get; set; }

        /// <summary>Snapshots kept beyond what the prediction window needs (used by the sync test). Default 0.</summary>
        internal int ExtraSnapshots { get; set; }

        internal void Validate()
        {
            if (PlayerCount < 1 || PlayerCount > MaxPlayers)
            {
                throw new ArgumentOutOfRangeException(nameof(PlayerCount), PlayerCount, $"PlayerCount must be between 1 and {MaxPlayers}.");
            }

            if (PredictionWindow < 0 || PredictionWindow > MaxPredictionWindow)
            {
                throw new ArgumentOutOfRangeException(nameof(PredictionWindow), PredictionWindow, $"PredictionWindow must be between 0 (lockstep) and {MaxPredictionWindow}.");
            }

            if (MaxInputDelay < 0 || MaxInputDelay > MaxPredictionWindow)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxInputDelay), MaxInputDelay, $"MaxInputDelay must be between 0 and {MaxPredictionWindow}.");
            }

            if (InputDelay < 0 || InputDelay > MaxInputDelay)
            {
                throw new ArgumentOutOfRangeException(nameof(InputDelay), InputDelay, $"InputDelay must be between 0 and MaxInputDelay ({MaxInputDelay}).");
            }

            if (LocalPlayers is null)
            {
                return;
            }

            var seen = new bool[PlayerCount];
            foreach (int player in LocalPlayers)
            {
                if (player < 0 || player >= PlayerCount)
                {
                    throw new ArgumentOutOfRangeException(nameof(LocalPlayers), player, $"Local player {player} is not a player index (0..{PlayerCount - 1}).");
                }

                if (seen[player])
                {
                    throw new ArgumentException($"Local player {player} is listed twice.", nameof(LocalPlayers));
                }

                seen[player] = true;
            }
        }
    }
}
