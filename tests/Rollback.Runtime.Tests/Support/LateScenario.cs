using System;

namespace Rollback.Runtime.Tests.Support
{
    /// <summary>
    /// One engine with local and remote players; remote inputs arrive late through a <see cref="LateInputSource"/>.
    /// Runs a number of frames, then delivers the rest and synchronizes so every frame is confirmed.
    /// </summary>
    public sealed class LateScenario
    {
        public int Seed = 1;
        public int? LatenessSeed;
        public int Players = 2;
        public int[] LocalPlayers = { 0 };
        public int PredictionWindow = 8;
        public int InputDelay = 0;
        public int MinLate = 0;
        public int MaxLate = 6;
        public int Frames = 400;
        public int MaxSteps = 40;
        public int TargetScore = 30;
        public TestInput DefaultInput;

        public RollbackEngine<ManualState, TestInput> Engine = null!;
        public TestGame Game = null!;
        public InputSchedule Schedule = null!;
        public LateInputSource Source = null!;
        public ConfirmedLog Log = null!;
        private TestInput[] _local = Array.Empty<TestInput>();

        public int[] RemotePlayers
        {
            get
            {
                var remote = new System.Collections.Generic.List<int>();
                for (int p = 0; p < Players; p++)
                {
                    if (Array.IndexOf(LocalPlayers, p) < 0)
                    {
                        remote.Add(p);
                    }
                }

                return remote.ToArray();
            }
        }

        /// <summary>The input each player really has at each frame (local ones shifted by the input delay).</summary>
        public TestInput TrueInput(int player, int frame)
        {
            if (Array.IndexOf(LocalPlayers, player) >= 0)
            {
                return frame < InputDelay ? DefaultInput : Schedule[player, frame - InputDelay];
            }

            return Schedule[player, frame];
        }

        public LateScenario Build()
        {
            Game = new TestGame { MaxSteps = MaxSteps, TargetScore = TargetScore };
            Schedule = new InputSchedule(Players, Frames + 16, (ulong)Seed * 7919UL + 17UL);
            Engine = new RollbackEngine<ManualState, TestInput>(Game, () => new ManualState(), new RollbackOptions<TestInput>
            {
                PlayerCount = Players,
                LocalPlayers = LocalPlayers,
                PredictionWindow = PredictionWindow,
                InputDelay = InputDelay,
                DefaultInput = DefaultInput,
            });
            Source = new LateInputSource(Engine, Schedule, RemotePlayers, (ulong)(LatenessSeed ?? Seed) * 104729UL + 3UL, MinLate, MaxLate);
            Log = new ConfirmedLog(Players, Frames + 16);
            Log.Attach(Engine);
            _local = new TestInput[LocalPlayers.Length];
            return this;
        }

        /// <summary>Ticks until <paramref name="frames"/> frames are simulated (the engine may wait on some ticks).</summary>
        public void RunTo(int frames, ref int tick)
        {
            int guard = tick + (frames * 20) + 1000;
            while (Engine.CurrentFrame < frames)
            {
                if (tick > guard)
                {
                    throw new InvalidOperationException($"Stuck at frame {Engine.CurrentFrame} after {tick} ticks.");
                }

                Source.Tick(tick);
                for (int i = 0; i < LocalPlayers.Length; i++)
                {
                    _local[i] = Schedule[LocalPlayers[i], Engine.CurrentFrame];
                }

                Engine.AdvanceFrame(_local);
                tick++;
            }
        }

        /// <summary>Runs <see cref="Frames"/> frames, then confirms them all.</summary>
        public LateScenario Run()
        {
            int tick = 0;
            RunTo(Frames, ref tick);
            Finish();
            return this;
        }

        public void Finish()
        {
            Source.DeliverAll();
            Engine.Synchronize();
        }

        public ConfirmedLog RunOracle() =>
            Oracle.Run(new TestGame { MaxSteps = MaxSteps, TargetScore = TargetScore }, Players, Engine.CurrentFrame, TrueInput);
    }
}
