using OpsBot.Workflows.StateMachines;

namespace OpsBot.Workflows.Tests.StateMachines;

public sealed class StateMachineTests
{
    private enum Door { Closed, Open, Locked, Broken }

    private enum Act { Open, Close, Lock, Unlock, Knock, Kick }

    private sealed class Record
    {
        public Door State { get; set; } = Door.Closed;
    }

    private static (StateMachine<Door, Act> Machine, Record Record, List<string> Log) Build()
    {
        var record = new Record();
        var log = new List<string>();
        var machine = new StateMachine<Door, Act>(() => record.State, state => record.State = state);
        var unlock = StateMachine<Door, Act>.SetTriggerParameter<string>(Act.Unlock);
        machine.Configure(Door.Closed)
            .Permit(Act.Open, Door.Open)
            .Permit(Act.Lock, Door.Locked)
            .Ignore(Act.Knock)
            .OnExit((t, _) => { log.Add($"exit {t.Source}"); return Task.CompletedTask; })
            .OnEntry((t, _) => { log.Add($"enter {t.Destination}"); return Task.CompletedTask; });
        machine.Configure(Door.Open)
            .Permit(Act.Close, Door.Closed)
            .OnEntry((t, _) => { log.Add($"enter {t.Destination}"); return Task.CompletedTask; });
        machine.Configure(Door.Locked)
            .PermitIf(unlock, Door.Closed, key => key == "right-key", "the key must fit")
            .PermitIf(Act.Kick, Door.Broken, () => false, "the door is too strong");
        machine.OnTransitioned((t, _) => { log.Add($"moved {t.Source}->{t.Destination} by {t.Trigger}"); return Task.CompletedTask; });
        return (machine, record, log);
    }

    [Fact]
    public async Task Fire_PermittedTrigger_WritesStateOutsideTheMachine()
    {
        var (machine, record, _) = Build();

        await machine.FireAsync(Act.Open);

        Assert.Equal(Door.Open, record.State);
        Assert.Equal(Door.Open, machine.State);
    }

    [Fact]
    public async Task Fire_RunsExitThenTransitionedThenEntry()
    {
        var (machine, _, log) = Build();

        await machine.FireAsync(Act.Open);

        Assert.Equal(["exit Closed", "moved Closed->Open by Open", "enter Open"], log);
    }

    [Fact]
    public async Task Fire_TriggerNotPermittedInState_IsRefusedAndChangesNothing()
    {
        var (machine, record, log) = Build();

        var error = await Assert.ThrowsAsync<TransitionRefusedException>(() => machine.FireAsync(Act.Close));

        Assert.Equal("'Close' is not possible while the workflow is Closed.", error.Message);
        Assert.Equal(Door.Closed, record.State);
        Assert.Empty(log);
    }

    [Fact]
    public async Task Fire_GuardFails_IsRefusedWithItsDescription()
    {
        var (machine, record, _) = Build();
        await machine.FireAsync(Act.Lock);
        var unlock = StateMachine<Door, Act>.SetTriggerParameter<string>(Act.Unlock);

        var error = await Assert.ThrowsAsync<TransitionRefusedException>(() => machine.FireAsync(unlock, "wrong-key"));

        Assert.Equal(["the key must fit"], error.UnmetGuards);
        Assert.Equal("'Unlock' is not possible: the key must fit.", error.Message);
        Assert.Equal(Door.Locked, record.State);
        Assert.Equal(["the key must fit"], machine.WhyNot(Act.Unlock, "wrong-key"));
    }

    [Fact]
    public async Task Fire_ParameterisedGuardHolds_Moves()
    {
        var (machine, record, _) = Build();
        await machine.FireAsync(Act.Lock);

        await machine.FireAsync(StateMachine<Door, Act>.SetTriggerParameter<string>(Act.Unlock), "right-key");

        Assert.Equal(Door.Closed, record.State);
    }

    [Fact]
    public async Task Fire_IgnoredTrigger_DoesNothing()
    {
        var (machine, record, log) = Build();

        await machine.FireAsync(Act.Knock);

        Assert.Equal(Door.Closed, record.State);
        Assert.Empty(log);
    }

    [Fact]
    public async Task Fire_FromInsideEntryAction_IsQueuedAfterCurrentTransition()
    {
        var record = new Record();
        var log = new List<string>();
        var machine = new StateMachine<Door, Act>(() => record.State, state => record.State = state);
        machine.Configure(Door.Closed).Permit(Act.Open, Door.Open);
        machine.Configure(Door.Open)
            .Permit(Act.Close, Door.Closed)
            .OnEntry(async (_, ct) =>
            {
                await machine.FireAsync(Act.Close, ct);
                log.Add($"entry done in {record.State}");
            });
        machine.OnTransitioned((t, _) => { log.Add($"{t.Source}->{t.Destination}"); return Task.CompletedTask; });

        await machine.FireAsync(Act.Open);

        Assert.Equal(["Closed->Open", "entry done in Open", "Open->Closed"], log);
        Assert.Equal(Door.Closed, record.State);
    }

    [Fact]
    public async Task InternalTransition_RunsActionWithoutExitOrEntry()
    {
        var record = new Record { State = Door.Locked };
        var log = new List<string>();
        var machine = new StateMachine<Door, Act>(() => record.State, state => record.State = state);
        var unlock = StateMachine<Door, Act>.SetTriggerParameter<string>(Act.Unlock);
        machine.Configure(Door.Locked)
            .PermitIf(unlock, Door.Closed, key => key == "master", "needs the master key")
            .InternalTransitionIf(unlock, key => key != "master", "any other key is recorded", (key, _, _) => { log.Add($"tried {key}"); return Task.CompletedTask; })
            .OnExit((_, _) => { log.Add("exit"); return Task.CompletedTask; })
            .OnEntry((_, _) => { log.Add("entry"); return Task.CompletedTask; });

        await machine.FireAsync(unlock, "spare");
        await machine.FireAsync(unlock, "master");

        Assert.Equal(["tried spare", "exit"], log);
        Assert.Equal(Door.Closed, record.State);
    }

    [Fact]
    public void PermittedTriggers_ListsWhatTheStateAccepts()
    {
        var (machine, _, _) = Build();

        Assert.Equal([Act.Open, Act.Lock], machine.PermittedTriggers);
    }

    [Fact]
    public void ToMermaid_ExportsTheGraphInDeclarationOrder()
    {
        var (machine, _, _) = Build();

        var mermaid = machine.ToMermaid(Door.Closed);

        Assert.Equal(
            """
            stateDiagram-v2
                [*] --> Closed
                Closed --> Open : Open
                Closed --> Locked : Lock
                Open --> Closed : Close
                Locked --> Closed : Unlock [the key must fit]
                Locked --> Broken : Kick [the door is too strong]
                Broken --> [*]

            """.ReplaceLineEndings("\n"),
            mermaid);
    }
}

public sealed class StateMachineGuardTests
{
    private enum Gate { Closed, Open }

    private enum Press { Push }

    [Fact]
    public async Task SeveralRules_OnlyTheReasonsEveryRuleSharesAreReported()
    {
        var state = Gate.Closed;
        var count = 0;
        var machine = new StateMachine<Gate, Press>(() => state, next => state = next);
        var push = StateMachine<Gate, Press>.SetTriggerParameter<string>(Press.Push);
        machine.Configure(Gate.Closed)
            .PermitIf(push, Gate.Open, (who => who != "mallory", "pusher is trusted"), (_ => count + 1 >= 2, "enough pushes"))
            .InternalTransitionIf(push, (_, _, _) => { count++; return Task.CompletedTask; }, (who => who != "mallory", "pusher is trusted"), (_ => count + 1 < 2, "more pushes needed"));

        var refused = await Assert.ThrowsAsync<TransitionRefusedException>(() => machine.FireAsync(push, "mallory"));
        await machine.FireAsync(push, "ann");
        var afterOne = state;
        await machine.FireAsync(push, "ben");

        Assert.Equal(["pusher is trusted"], refused.UnmetGuards);
        Assert.Equal(Gate.Closed, afterOne);
        Assert.Equal(Gate.Open, state);
        Assert.Equal(
            """
            stateDiagram-v2
                [*] --> Closed
                Closed --> Open : Push [pusher is trusted] [enough pushes]
                Closed --> Closed : Push [pusher is trusted] [more pushes needed] (internal)
                Open --> [*]

            """.ReplaceLineEndings("\n"),
            machine.ToMermaid(Gate.Closed));
    }
}
