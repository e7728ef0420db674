namespace Rollback
{
    /// <summary>
    /// Guesses a remote player's input for a frame whose input has not arrived yet. A guess only ever
    /// drives a predicted frame: when the real input arrives and differs, the runtime rolls back.
    /// </summary>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    /// <remarks>
    /// A predictor runs on the simulation path: it must not allocate, and it must be a function of its
    /// arguments (it may be called several times for the same frame, during replays).
    /// </remarks>
    public interface IInputPredictor<TInput>
        where TInput : unmanaged
    {
        /// <summary>Predicts the input of <paramref name="player"/> for <paramref name="frame"/>.</summary>
        /// <param name="player">The player index.</param>
        /// <param name="frame">The frame to predict.</param>
        /// <param name="lastConfirmedFrame">
        /// The latest frame up to which every input of this player is known, or one less than the
        /// session's first frame when none is known yet.
        /// </param>
        /// <param name="lastConfirmedInput">
        /// The input at <paramref name="lastConfirmedFrame"/>, or the agreed default input when none is known yet.
        /// </param>
        /// <returns>The guess.</returns>
        TInput Predict(int player, int frame, int lastConfirmedFrame, in TInput lastConfirmedInput);
    }

    /// <summary>The default predictor: a remote player keeps doing what they last did (repeat the last confirmed input).</summary>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    public sealed class RepeatLastInputPredictor<TInput> : IInputPredictor<TInput>
        where TInput : unmanaged
    {
        /// <summary>The shared instance; the predictor holds no state.</summary>
        public static readonly RepeatLastInputPredictor<TInput> Instance = new RepeatLastInputPredictor<TInput>();

        /// <inheritdoc />
        public TInput Predict(int player, int frame, int lastConfirmedFrame, in TInput lastConfirmedInput) => lastConfirmedInput;
    }
}
