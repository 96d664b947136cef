using System.Collections.Concurrent;

namespace OpsBot.Testing.Slack;

public sealed partial class FakeSlack
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _held = new(StringComparer.Ordinal);

    /// <summary>
    /// From now on a <c>chat.postMessage</c> to <paramref name="channel"/> is carried out (the message is there) but its
    /// answer waits until <see cref="ReleaseAnswers"/>: the caller is caught between "posted" and "knows it posted", as
    /// when something else fails in that window (a database restarted while a bot delivers).
    /// </summary>
    public void HoldAnswers(string channel) => _held.TryAdd(channel, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Answers the held posts to <paramref name="channel"/> and stops holding.</summary>
    public void ReleaseAnswers(string channel)
    {
        if (_held.TryRemove(channel, out var gate))
        {
            gate.TrySetResult();
        }
    }

    // Waits while posts to the call's channel are held (a posted message only).
    private Task HeldAsync(string method, string? channel, string? error) =>
        method == "chat.postMessage" && error is null && channel is not null && _held.TryGetValue(channel, out var gate) ? gate.Task : Task.CompletedTask;
}
