using System.Threading.Channels;

namespace OpsBot.ActionWorkflows;

/// <summary>Workflow ids the runner should drive (approved, resumed after a restart, a revert pressed).</summary>
public sealed class WorkflowQueue
{
    private readonly Channel<string> _ids = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(string id) => _ids.Writer.TryWrite(id);

    internal ChannelReader<string> Reader => _ids.Reader;
}
