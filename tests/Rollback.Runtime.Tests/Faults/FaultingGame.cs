using System;
using Rollback.Runtime.Tests.Support;

namespace Rollback.Runtime.Tests.Faults
{
    /// <summary>Where user code throws.</summary>
    public enum UserCode
    {
        Step,
        IsEpisodeOver,
        ResetEpisode,
        Handler,
        Predictor,
    }

    /// <summary>The exception user code throws in these tests.</summary>
    public sealed class UserCodeFailure : Exception
    {
        public UserCodeFailure(UserCode where, int call)
            : base($"{where} failed on call {call}")
        {
        }
    }

    /// <summary>
    /// <see cref="TestGame"/> (short episodes, so resets happen often) that throws from one entry point on its
    /// <c>n</c>-th call; also a predictor and a handler that can be the one to throw.
    /// </summary>
    public sealed class FaultingGame : ISimulation<ManualState, TestInput>, IInputPredictor<TestInput>
    {
        private readonly TestGame _game = new TestGame { MaxSteps = 5, TargetScore = 1000 };
        private readonly UserCode _where;
        private readonly int _failOnCall;
        private int _calls;

        public FaultingGame(UserCode where, int failOnCall)
        {
            _where = where;
            _failOnCall = failOnCall;
        }

        /// <summary>The exception thrown, once it was.</summary>
        public UserCodeFailure? Thrown { get; private set; }

        public void Step(ManualState s, ReadOnlySpan<TestInput> inputs)
        {
            Call(UserCode.Step);
            _game.Step(s, inputs);
        }

        public bool IsEpisodeOver(ManualState s)
        {
            Call(UserCode.IsEpisodeOver);
            return _game.IsEpisodeOver(s);
        }

        public void ResetEpisode(ManualState s)
        {
            Call(UserCode.ResetEpisode);
            _game.ResetEpisode(s);
        }

        public TestInput Predict(int player, int frame, int lastConfirmedFrame, in TestInput lastConfirmedInput)
        {
            Call(UserCode.Predictor);
            return lastConfirmedInput;
        }

        public void OnConfirmed(in ConfirmedFrame<ManualState, TestInput> frame) => Call(UserCode.Handler);

        private void Call(UserCode where)
        {
            if (where != _where || Thrown is not null)
            {
                return;
            }

            _calls++;
            if (_calls == _failOnCall)
            {
                Thrown = new UserCodeFailure(where, _calls);
                throw Thrown;
            }
        }
    }
}
