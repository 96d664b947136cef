using Microsoft.Extensions.Logging.Console;

namespace OpsBot.Operations;

/// <summary>Console logs an operator's collector can parse.</summary>
public static class LoggingServiceCollectionExtensions
{
    /// <summary>
    /// With <c>Logging:Console:FormatterName=json</c> each line is one JSON object (Timestamp, EventId, LogLevel,
    /// Category, Message, State, Scopes). Unless configured otherwise, the JSON formatter includes the scopes — so every
    /// line logged while a chat request runs carries its <c>CorrelationId</c> (and, for HTTP requests, ASP.NET Core's
    /// <c>TraceId</c>, <c>SpanId</c>, <c>RequestId</c>, <c>RequestPath</c>) — and a UTC ISO 8601 timestamp.
    /// </summary>
    public static IServiceCollection AddOpsBotLogging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection("Logging:Console:FormatterOptions");
        services.Configure<JsonConsoleFormatterOptions>(json =>
        {
            json.IncludeScopes = options.GetValue("IncludeScopes", true);
            json.TimestampFormat = options["TimestampFormat"] ?? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            json.UseUtcTimestamp = options.GetValue("UseUtcTimestamp", true);
        });
        return services;
    }
}
