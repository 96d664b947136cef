namespace OpsBot.ActionWorkflows;

/// <summary>
/// Serializes, per workflow and within this process, "store a step, then show it": so every copy of a card gets
/// a workflow's states in the order they were stored. Without it a person's approval and the runner's first step
/// (the runner may be handed the workflow by recovery as soon as it is stored) race, and the card can show
/// "Approved" after "Executing". Across replicas each step's card still shows the state that step stored.
/// </summary>
internal sealed class WorkflowPublishOrder
{
    private readonly Dictionary<string, Turn> _turns = new(StringComparer.Ordinal);

    /// <summary>Waits for <paramref name="id"/>'s turn; disposing the result gives it to the next waiter.</summary>
    public async Task<IDisposable> EnterAsync(string id, CancellationToken cancellationToken)
    {
        Turn turn;
        lock (_turns)
        {
            if (!_turns.TryGetValue(id, out turn!))
            {
                _turns[id] = turn = new Turn(this, id);
            }

            turn.Users++;
        }

        try
        {
            await turn.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(turn, held: false);
            throw;
        }

        return turn;
    }

    private void Leave(Turn turn, bool held)
    {
        if (held)
        {
            turn.Gate.Release();
        }

        lock (_turns)
        {
            // The last user removes the entry, so the map holds only workflows being stepped right now.
            if (--turn.Users == 0)
            {
                _turns.Remove(turn.Id);
                turn.Gate.Dispose();
            }
        }
    }

    private sealed class Turn(WorkflowPublishOrder owner, string id) : IDisposable
    {
        public string Id { get; } = id;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }

        public void Dispose() => owner.Leave(this, held: true);
    }
}
