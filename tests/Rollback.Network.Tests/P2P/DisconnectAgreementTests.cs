using System;
using System.Linq;

using Rollback.Network.Simulation;

namespace Rollback.Network.Tests.P2P;

/// <summary>Disconnect agreement on its own: three voters, a late notice, a voter that vanishes during the agreement.</summary>
public class DisconnectAgreementTests
{
    // This peer owns player 0; connections 0..2 own players 1..3.
    private static (DisconnectAgreement Agreement, PeerConnection[] Connections) Setup()
    {
        var net = new SimulatedNetwork(4, 1);
        var settings = new ConnectionSettings(1, 0, 1, 4, 4, 60, new PeerTimingOptions());
        PeerConnection[] connections = Enumerable.Range(0, 3)
            .Select(i => TimeSyncTests.Running(new PeerConnection(i, net.AddressOf(i + 1), new[] { i + 1 }, false, true, i + 1, settings, new Outbox(net[0], new NetworkStatistics()))))
            .ToArray();
        return (new DisconnectAgreement(new[] { -1, 0, 1, 2 }, 3), connections);
    }

    [Fact]
    public void ThreeVoters_AgreeOnTheLargestProposal_OnlyWhenEveryLiveVoterProposed()
    {
        var (agreement, c) = Setup();
        c[2].Disconnect(DisconnectReason.TimedOut);
        agreement.Freeze(c[2], DisconnectReason.TimedOut);
        Assert.True(agreement.IsFrozen(3));
        Assert.False(agreement.TryAgree(3, 100, c, out _)); // nobody else proposed yet
        agreement.Propose(0, 3, 104);
        Assert.False(agreement.TryAgree(3, 100, c, out _)); // the late notice of voter 1 is still missing
        agreement.Propose(1, 3, 98);
        Assert.True(agreement.TryAgree(3, 100, c, out int frame));
        Assert.Equal(104, frame);
    }

    [Fact]
    public void ProposalsOnlyGrow_ARelayedVoterProposesAgain()
    {
        var (agreement, c) = Setup();
        c[2].Disconnect(DisconnectReason.Left);
        agreement.Freeze(c[2], DisconnectReason.Left);
        agreement.Propose(0, 3, 90);
        agreement.Propose(0, 3, 80);
        Assert.Equal(90, agreement.ProposalOf(0, 3));
        agreement.Propose(0, 3, 110);
        agreement.Propose(1, 3, 95);
        Assert.True(agreement.TryAgree(3, 100, c, out int frame));
        Assert.Equal(110, frame);
    }

    [Fact]
    public void AVoterThatVanishesDuringTheAgreement_IsLeftOut_NoHang()
    {
        var (agreement, c) = Setup();
        c[2].Disconnect(DisconnectReason.TimedOut);
        agreement.Freeze(c[2], DisconnectReason.TimedOut);
        agreement.Propose(0, 3, 140); // voter 0 holds the most inputs of player 3 ...
        Assert.False(agreement.TryAgree(3, 100, c, out _));

        // ... and vanishes before relaying them or before voter 1 proposed.
        c[0].Disconnect(DisconnectReason.TimedOut);
        agreement.Freeze(c[0], DisconnectReason.TimedOut);
        Assert.Equal(-1, agreement.ProposalOf(0, 3));
        agreement.Propose(1, 3, 120);
        Assert.True(agreement.TryAgree(3, 100, c, out int frame3));
        Assert.Equal(120, frame3); // the largest proposal of the survivors: inputs someone alive holds

        // Player 1 (voter 0's own) is agreed among the survivors too.
        agreement.Propose(1, 1, 200);
        Assert.True(agreement.TryAgree(1, 190, c, out int frame1));
        Assert.Equal(200, frame1);
    }

    [Fact]
    public void AnAppliedAgreement_IsFinal()
    {
        var (agreement, c) = Setup();
        c[1].Disconnect(DisconnectReason.Left);
        agreement.Freeze(c[1], DisconnectReason.Left);
        agreement.Propose(0, 2, 50);
        agreement.Propose(2, 2, 50);
        Assert.True(agreement.TryAgree(2, 40, c, out int frame));
        agreement.Apply(2, frame);
        Assert.Equal(50, agreement.AgreedFrame(2));
        agreement.Propose(0, 2, 70);
        Assert.False(agreement.TryAgree(2, 40, c, out _));
        Assert.Equal(50, agreement.AgreedFrame(2));
        Assert.Equal(int.MaxValue, agreement.AgreedFrame(1));
    }
}
