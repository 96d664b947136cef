using OpsBot.ActionWorkflows;

namespace OpsBot.Tests.ActionWorkflows;

public sealed class WorkflowPublishOrderTests
{
    [Fact]
    public async Task Enter_SameWorkflow_WaitsForTheTurnBefore()
    {
        var order = new WorkflowPublishOrder();
        var first = await order.EnterAsync("wf1", CancellationToken.None);

        var second = order.EnterAsync("wf1", CancellationToken.None);
        var other = await order.EnterAsync("wf2", CancellationToken.None);
        var waitedWhileHeld = !second.IsCompleted;
        first.Dispose();
        using var secondTurn = await second;

        Assert.True(waitedWhileHeld);
        other.Dispose();
    }

    [Fact]
    public async Task Enter_Cancelled_GivesUpWithoutTakingTheTurn()
    {
        var order = new WorkflowPublishOrder();
        var first = await order.EnterAsync("wf1", CancellationToken.None);
        using var cancellation = new CancellationTokenSource();

        var waiting = order.EnterAsync("wf1", cancellation.Token);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        first.Dispose();

        using var next = await order.EnterAsync("wf1", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(next);
    }

    [Fact]
    public async Task Enter_ManyConcurrentSteps_RunOneAtATime()
    {
        var order = new WorkflowPublishOrder();
        var inside = 0;
        var overlaps = 0;

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            using var turn = await order.EnterAsync("wf1", CancellationToken.None);
            if (Interlocked.Increment(ref inside) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            await Task.Yield();
            Interlocked.Decrement(ref inside);
        })));

        Assert.Equal(0, overlaps);
    }
}
