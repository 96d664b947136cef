using OpsBot.Clusters;
using OpsBot.Telemetry;

namespace OpsBot.Operations;

/// <summary>Puts a <see cref="KubernetesTelemetryHandler"/> in every Kubernetes client's chain: each API request timed, counted and traced.</summary>
public sealed class KubernetesApiMetering(OpsBotTelemetry telemetry, TimeProvider time) : IKubernetesCallObserver
{
    public DelegatingHandler CreateHandler() => new KubernetesTelemetryHandler(telemetry, time);
}
