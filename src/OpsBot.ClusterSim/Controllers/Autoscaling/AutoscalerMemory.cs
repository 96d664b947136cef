namespace OpsBot.ClusterSim.Controllers.Autoscaling;

/// <summary>
/// What the HPA controller remembers per autoscaler between runs (in memory, as the real one does):
/// the recommendations of the stabilization windows and the recent scale events the rate policies count.
/// </summary>
internal sealed class AutoscalerMemory
{
    public DateTimeOffset? LastRun { get; set; }

    public List<(int Replicas, DateTimeOffset At)> Recommendations { get; } = [];

    public List<(int Change, DateTimeOffset At)> ScaleUpEvents { get; } = [];

    public List<(int Change, DateTimeOffset At)> ScaleDownEvents { get; } = [];

    public static int ChangeInPeriod(List<(int Change, DateTimeOffset At)> events, int periodSeconds, DateTimeOffset now) =>
        events.Where(e => e.At > now.AddSeconds(-periodSeconds)).Sum(e => e.Change);
}
