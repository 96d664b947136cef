namespace OpsBot.Caching;

/// <summary>
/// Told of every container restart the watch cache sees, when it sees it (registered with <c>TryAddEnumerable</c>;
/// the restart-trend check samples from here instead of polling). Called on the cache's watch loop: return quickly and
/// never throw (a listener that throws is logged and skipped).
/// </summary>
public interface IPodRestartListener
{
    void OnRestart(PodRestartObserved restart);
}
