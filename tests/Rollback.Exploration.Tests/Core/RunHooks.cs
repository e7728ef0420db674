using System;
using Rollback.Network;

namespace Rollback.Exploration.Tests.Core
{
    /// <summary>Hooks into a run: wrap a peer's transport (to inject or capture datagrams), act on every tick.</summary>
    public sealed class RunHooks
    {
        /// <summary>Wraps peer <c>i</c>'s transport; also given the address of every endpoint.</summary>
        public Func<int, IDatagramTransport, Func<int, PeerAddress>, IDatagramTransport>? Wrap { get; set; }

        /// <summary>A peer whose rules drift (nondeterministic on purpose) at <see cref="DriftFrame"/>; -1 for none.</summary>
        public int DriftingPeer { get; set; } = -1;

        /// <summary>The frame on which the drifting peer's rules flip a bit of player 0's input.</summary>
        public int DriftFrame { get; set; }

        /// <summary>Called at the start of every tick with the tick number.</summary>
        public Action<long>? EachTick { get; set; }
    }
}
