using OpsBot.Workflows.Machines;
using Stateless;

namespace OpsBot.Workflows.Tests.Machines;

/// <summary>The refusal helper every workflow machine fires through, on a small Stateless machine of its own.</summary>
public sealed class ExplainedTriggersTests
{
    private enum Door { Closed, Open, Locked }

    private enum Act { Open, Close, Lock, Unlock }

    private sealed class Record
    {
        public Door State { get; set; } = Door.Closed;

        public List<string> Log { get; } = [];
    }

    private static (StateMachine<Door, Act> Machine, StateMachine<Door, Act>.TriggerWithParameters<string> Unlock, Record Record) Build()
    {
        var record = new Record();
        var machine = new StateMachine<Door, Act>(() => record.State, state => record.State = state);
        var unlock = machine.SetTriggerParameters<string>(Act.Unlock);
        machine.Configure(Door.Closed)
            .OnEntry(transition => record.Log.Add($"enter Closed by {transition.Trigger}"))
            .Permit(Act.Open, Door.Open)
            .PermitIf(Act.Lock, Door.Locked, () => record.Log.Count < 10, "the lock is not worn out");
        machine.Configure(Door.Open)
            .Permit(Act.Close, Door.Closed);
        machine.Configure(Door.Locked)
            .PermitIf(
                unlock,
                Door.Closed,
                Tuple.Create<Func<string, bool>, string>(key => key.StartsWith("brass", StringComparison.Ordinal), "the key is brass"),
                Tuple.Create<Func<string, bool>, string>(key => key.EndsWith("-7", StringComparison.Ordinal), "the key is number 7"));
        return (machine, unlock, record);
    }

    [Fact]
    public async Task TryFire_Permitted_MovesTheStateHeldOutsideAndReturnsNull()
    {
        var (machine, _, record) = Build();

        var refusal = await machine.TryFireAsync(Act.Open);

        Assert.Null(refusal);
        Assert.Equal(Door.Open, record.State);
    }

    [Fact]
    public async Task TryFire_TriggerTheStateDoesNotTake_IsRefusedWithWhatItTakes()
    {
        var (machine, _, record) = Build();

        var refusal = await machine.TryFireAsync(Act.Close);

        Assert.NotNull(refusal);
        Assert.True(refusal.IsWrongState);
        Assert.Empty(refusal.UnmetGuards);
        Assert.Equal(("Closed", "Close"), (refusal.State, refusal.Trigger));
        Assert.Equal("'Close' is not possible while the workflow is Closed.", refusal.Message);
        Assert.Equal(["Open", "Lock (needs: the lock is not worn out)"], refusal.Permitted.Select(permitted => permitted.ToString()));
        Assert.Equal(Door.Closed, record.State);
    }

    [Fact]
    public async Task TryFire_ParameterisedGuardsUnmet_NamesEachUnmetGuardAndChangesNothing()
    {
        var (machine, unlock, record) = Build();
        await machine.TryFireAsync(Act.Lock);
        record.Log.Clear();

        var wrongKey = await machine.TryFireAsync(unlock, "steel-3");
        var almost = await machine.TryFireAsync(unlock, "brass-3");

        Assert.Equal(["the key is brass", "the key is number 7"], wrongKey!.UnmetGuards);
        Assert.False(wrongKey.IsWrongState);
        Assert.Equal("'Unlock' is not possible: the key is brass; the key is number 7.", wrongKey.Message);
        Assert.Equal(["the key is number 7"], almost!.UnmetGuards);
        Assert.Equal(Door.Locked, record.State);
        Assert.Empty(record.Log);
    }

    [Fact]
    public async Task TryFire_ParameterisedGuardsHold_MovesAndRunsEntryActions()
    {
        var (machine, unlock, record) = Build();
        await machine.TryFireAsync(Act.Lock);

        var refusal = await machine.TryFireAsync(unlock, "brass-7");

        Assert.Null(refusal);
        Assert.Equal(Door.Closed, record.State);
        Assert.Equal(["enter Closed by Unlock"], record.Log);
    }

    [Fact]
    public async Task TryFire_CancelledToken_ThrowsBeforeFiring()
    {
        var (machine, _, record) = Build();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => machine.TryFireAsync(Act.Open, cancelled.Token));

        Assert.Equal(Door.Closed, record.State);
    }

    [Fact]
    public async Task TryFire_GuardChangesItsMindBetweenTheCheckAndTheFiring_IsStillARefusal()
    {
        var state = Door.Closed;
        var looks = 0;
        var machine = new StateMachine<Door, Act>(() => state, next => state = next);
        machine.Configure(Door.Closed).PermitIf(Act.Open, Door.Open, () => looks++ == 0, "the door is not jammed");

        var refusal = await machine.TryFireAsync(Act.Open);

        Assert.Equal(["the door is not jammed"], refusal!.UnmetGuards);
        Assert.Equal(Door.Closed, state);
    }

    [Fact]
    public async Task TryFire_AnActionFailsAfterTheMove_IsAnErrorNotARefusal()
    {
        var state = Door.Closed;
        var machine = new StateMachine<Door, Act>(() => state, next => state = next);
        machine.Configure(Door.Closed).Permit(Act.Open, Door.Open);
        machine.Configure(Door.Open).OnEntry(() => throw new InvalidOperationException("the hinge broke"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => machine.TryFireAsync(Act.Open));

        Assert.Equal("the hinge broke", error.Message);
    }

    [Fact]
    public void WhyNot_AsksWithoutFiring()
    {
        var (machine, unlock, record) = Build();

        var open = machine.WhyNot(Act.Open);
        var unlockWhileClosed = machine.WhyNot(unlock, "brass-7");

        Assert.Null(open);
        Assert.True(unlockWhileClosed!.IsWrongState);
        Assert.Equal(Door.Closed, record.State);
    }

    [Fact]
    public async Task PermittedNow_ListsTheCurrentStatesTriggersWithTheirGuards()
    {
        var (machine, _, _) = Build();
        await machine.TryFireAsync(Act.Lock);

        var permitted = machine.PermittedNow();

        var unlock = Assert.Single(permitted);
        Assert.Equal(new PermittedTrigger("Unlock", ["the key is brass", "the key is number 7"]).ToString(), unlock.ToString());
        Assert.Equal(["the key is brass", "the key is number 7"], unlock.Guards);
    }

    [Fact]
    public async Task PermittedNow_InASubstate_ListsItsOwnTriggersThenItsSuperstates()
    {
        var state = Door.Open;
        var machine = new StateMachine<Door, Act>(() => state, next => state = next);
        machine.Configure(Door.Closed).PermitIf(Act.Lock, Door.Locked, () => false, "the key is at hand");
        machine.Configure(Door.Open).SubstateOf(Door.Closed).Permit(Act.Close, Door.Locked);

        var permitted = machine.PermittedNow();
        var refusal = await machine.TryFireAsync(Act.Unlock);

        Assert.Equal(["Close", "Lock (needs: the key is at hand)"], permitted.Select(trigger => trigger.ToString()));
        Assert.Equal(permitted.Select(trigger => trigger.ToString()), refusal!.Permitted.Select(trigger => trigger.ToString()));
    }
}
