using System;
using System.Globalization;
using System.Text;
using Rollback.Forensics;

namespace Rollback.Reports
{
    /// <summary>The typed <see cref="IGameRunner"/>, made by <see cref="GameAssembly"/> for the game's types.</summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="TInput">The input type.</typeparam>
    internal sealed class GameRunner<TState, TInput> : IGameRunner
        where TState : class, IRollbackState
        where TInput : unmanaged
    {
        private readonly bool _inputHasText = typeof(TInput).GetMethod(nameof(ToString), Type.EmptyTypes)?.DeclaringType == typeof(TInput);

        public GameRunner(Type simulationType)
        {
            SimulationType = simulationType;
        }

        public Type StateType => typeof(TState);

        public Type InputType => typeof(TInput);

        public Type SimulationType { get; }

        public ReplayData LoadReplay(string path)
        {
            ReplayFile<TInput> replay = ReplayFile<TInput>.Load(path);
            var inputs = new TInput[replay.FrameCount * replay.PlayerCount];
            var checksums = new ulong[replay.FrameCount];
            for (int i = 0; i < replay.FrameCount; i++)
            {
                replay.Inputs(replay.StartFrame + i).CopyTo(new Span<TInput>(inputs, i * replay.PlayerCount, replay.PlayerCount));
                checksums[i] = replay.Checksum(replay.StartFrame + i);
            }

            return new ReplayData(replay.InitialSnapshot.ToArray(), InputLog.Create<TInput>(replay.PlayerCount, replay.StartFrame, inputs), checksums);
        }

        public byte[] Run(byte[] initialSnapshot, InputLog inputs, int frameCount, FrameVisitor? visitor)
        {
            RollbackEngine<TState, TInput> engine = CreateEngine(initialSnapshot, inputs);
            byte[] last = initialSnapshot;
            bool go = true;
            engine.FrameConfirmed += (in ConfirmedFrame<TState, TInput> f) =>
            {
                last = f.Snapshot.ToArray();
                go = visitor is null || visitor(f.Frame, f.Episode, f.StepNum, f.Checksum);
            };
            for (int i = 0; i < frameCount && go; i++)
            {
                engine.AdvanceFrame(inputs.Inputs<TInput>(inputs.StartFrame + i));
            }

            return last;
        }

        public (int Frame, StateDifferenceList Differences)? FindNondeterminism(byte[] initialSnapshot, InputLog inputs, int frameCount)
        {
            RollbackEngine<TState, TInput> a = CreateEngine(initialSnapshot, inputs);
            RollbackEngine<TState, TInput> b = CreateEngine(initialSnapshot, inputs);
            byte[]? snapA = null;
            byte[]? snapB = null;
            ulong sumA = 0;
            ulong sumB = 0;
            a.FrameConfirmed += (in ConfirmedFrame<TState, TInput> f) => { sumA = f.Checksum; snapA = f.Snapshot.ToArray(); };
            b.FrameConfirmed += (in ConfirmedFrame<TState, TInput> f) => { sumB = f.Checksum; snapB = f.Snapshot.ToArray(); };
            for (int i = 0; i < frameCount; i++)
            {
                int frame = inputs.StartFrame + i;
                a.AdvanceFrame(inputs.Inputs<TInput>(frame));
                b.AdvanceFrame(inputs.Inputs<TInput>(frame));
                if (sumA != sumB)
                {
                    return (frame, Differences(snapA, snapB));
                }
            }

            return null;
        }

        public StateDifferenceList Differences(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
            StateDifferences.FromSnapshots(left, right, Create);

        public string InputText(ReadOnlySpan<byte> raw)
        {
            if (_inputHasText && raw.Length == System.Runtime.CompilerServices.Unsafe.SizeOf<TInput>())
            {
                return System.Runtime.InteropServices.MemoryMarshal.Read<TInput>(raw).ToString() ?? string.Empty;
            }

            var text = new StringBuilder(raw.Length * 2);
            foreach (byte b in raw)
            {
                text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }

        private static TState Create() => (TState)StateTypes.CreateInstance(typeof(TState));

        private RollbackEngine<TState, TInput> CreateEngine(byte[] initialSnapshot, InputLog inputs)
        {
            inputs.EnsureType(typeof(TInput), System.Runtime.CompilerServices.Unsafe.SizeOf<TInput>());
            var simulation = (ISimulation<TState, TInput>)Activator.CreateInstance(SimulationType)!;
            var engine = new RollbackEngine<TState, TInput>(simulation, Create, new RollbackOptions<TInput>
            {
                PlayerCount = inputs.PlayerCount,
                PredictionWindow = 0,
                InitialSnapshot = initialSnapshot,
            });
            if (engine.StartFrame != inputs.StartFrame)
            {
                throw new ReportInputException($"The snapshot to replay from is of frame {engine.StartFrame}, but its inputs start at frame {inputs.StartFrame}.");
            }

            return engine;
        }
    }
}
