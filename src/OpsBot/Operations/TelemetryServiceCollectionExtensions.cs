using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OpsBot.Telemetry;

namespace OpsBot.Operations;

/// <summary>OpenTelemetry: metrics for Prometheus (<c>/metrics</c>) and, when an OTLP endpoint is set, metrics and traces over OTLP.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The OpenTelemetry variable that switches OTLP export on (the exporter reads the other <c>OTEL_EXPORTER_OTLP_*</c> itself).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Wraps the registered chat pipeline (register it first: <c>AddOpsBotCommands</c>) so that every request is counted,
    /// timed, traced and logged with its correlation id, and sets up the OpenTelemetry SDK: OpsBot's meter, ASP.NET Core's
    /// request metrics and the runtime's (GC, memory, thread pool) for the Prometheus scrape; with
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, the same metrics and OpsBot's spans (and ASP.NET Core's request spans) over OTLP.
    /// Without an OTLP endpoint no tracer provider is built, so spans cost nothing unless something listens.
    /// </summary>
    public static IServiceCollection AddOpsBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var registered = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(Chat.IChatPipeline))
            ?? throw new InvalidOperationException("Register the chat pipeline (AddOpsBotCommands) before AddOpsBotTelemetry.");
        services.Remove(registered);
        services.AddSingleton<Chat.IChatPipeline>(provider => new MeteredChatPipeline(
            (Chat.IChatPipeline)(registered.ImplementationFactory?.Invoke(provider) ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!)),
            provider.GetRequiredService<Commands.CommandCatalog>(),
            provider.GetRequiredService<OpsBotTelemetry>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<MeteredChatPipeline>>()));

        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        var version = typeof(OpsBotTelemetry).Assembly.GetName().Version?.ToString();
        var openTelemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "opsbot", serviceVersion: version))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OpsBotTelemetry.Name, "Microsoft.AspNetCore.Hosting", "System.Runtime")
                    // Each scrape sees the counts of that moment (the exporter's default caches answers for 300 ms).
                    .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            openTelemetry.WithTracing(tracing => tracing.AddSource(OpsBotTelemetry.Name, "Microsoft.AspNetCore").AddOtlpExporter());
        }

        return services;
    }
}
