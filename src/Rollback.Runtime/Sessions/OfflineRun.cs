using System;

namespace Rollback
{
    /// <summary>
    /// The engine and end rule of a session without a network (<see cref="LocalSession{TState, TInput}"/>,
    /// <see cref="SyncTestSession{TState, TInput}"/>): every player local, no prediction window, an input delay of
    /// its own choosing (at most 16 frames unless it asks for more), and the frame and episode limits of
    /// <see cref="SessionLimit"/>.
    /// </summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="TInput">One player's input for one frame.</typeparam>
    internal sealed class OfflineRun<TState, TInput>
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly ISimulation<TState, TInput> _simulation;
        private readonly SessionLimit _limit;

        /// <summary>Builds the engine and the limit; <see cref="IsFinished"/> is then already known for the start state.</summary>
        /// <param name="simulation">The simulation (not null).</param>
        /// <param name="createState">Creates a fresh state (called twice: live and scratch).</param>
        /// <param name="playerCount">Number of players, all local.</param>
        /// <param name="defaultInput">The input of frames before the input delay.</param>
        /// <param name="frameCount">Frames before the run ends; 0 for no frame limit.</param>
        /// <param name="episodes">Episodes before the run ends; 0 for no episode limit.</param>
        /// <param name="inputDelay">Frames between an input being given and the frame it applies to.</param>
        /// <param name="extraSnapshots">Snapshots kept beyond the (empty) prediction window.</param>
        public OfflineRun(
            ISimulation<TState, TInput> simulation,
            Func<TState> createState,
            int playerCount,
            TInput defaultInput,
            int frameCount,
            int episodes,
            int inputDelay = 0,
            int extraSnapshots = 0)
        {
            _simulation = simulation;
            Engine = new RollbackEngine<TState, TInput>(simulation, createState, new RollbackOptions<TInput>
            {
                PlayerCount = playerCount,
                PredictionWindow = 0,
                InputDelay = inputDelay,
                MaxInputDelay = Math.Max(inputDelay, 16),
                DefaultInput = defaultInput,
                ExtraSnapshots = extraSnapshots,
            });
            _limit = new SessionLimit(Engine.StartFrame, frameCount, episodes);
            UpdateFinished();
        }

        /// <summary>The engine.</summary>
        public RollbackEngine<TState, TInput> Engine { get; }

        /// <summary>Whether the frame or episode limit was reached as of the last <see cref="UpdateFinished"/>.</summary>
        public bool IsFinished { get; private set; }

        /// <summary>
        /// Checks the limit against the current state (after each simulated frame). An exception from the
        /// simulation's episode check faults the engine and is rethrown.
        /// </summary>
        public void UpdateFinished()
        {
            if (!_limit.IsSet)
            {
                return;
            }

            try
            {
                IsFinished = _limit.IsReached(_simulation, Engine.State);
            }
            catch (Exception e)
            {
                Engine.FaultWith(e);
                throw;
            }
        }
    }
}
