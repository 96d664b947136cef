using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OpsBot.Telemetry;

public static class TelemetryMeterServiceCollectionExtensions
{
    /// <summary>
    /// The one <see cref="OpsBotTelemetry"/> (and the meter factory it needs). Every feature that records measurements
    /// calls this, so it works on its own (tests build Slack or Teams alone) as in the host; exporters are added once by
    /// <c>AddOpsBotTelemetry</c>.
    /// </summary>
    public static IServiceCollection AddOpsBotTelemetryMeter(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.TryAddSingleton<OpsBotTelemetry>();
        return services;
    }
}
