using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace OpsBot.Operations;

/// <summary>
/// A bad configuration stops OpsBot with one line on standard error that says what to set, and exit code 1 — not an
/// unhandled exception, its stack trace and exit code 134. Refusals are: options validation
/// (<see cref="OptionsValidationException"/>: a missing token, an unknown cluster, a malformed key), a configuration
/// value of the wrong type, <see cref="StartupRefusedException"/> (e.g. a console open beyond loopback without a token),
/// and an address Kestrel cannot listen on. Anything else is a bug and still crashes with its stack trace.
/// </summary>
public static partial class StartupRefusals
{
    /// <summary>What every refusal line starts with.</summary>
    public const string Prefix = "OpsBot cannot start: ";

    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private static int _registered;

    /// <summary>The first line of Program.cs: from here on, a refusal ends the process with its one line and exit code 1.</summary>
    public static void ReportAsOneLine()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.ExceptionObject is Exception error && Describe(error) is { } line)
            {
                System.Console.Error.WriteLine(Prefix + line);
                System.Console.Error.Flush();
                Environment.Exit(1);
            }
        };
    }

    /// <summary>
    /// Keeps the host's own "Hosting failed to start" error (with the exception's stack trace) out of the log until the
    /// host has started: a failure to start is reported by <see cref="ReportAsOneLine"/> instead — one line for a
    /// refusal, the runtime's unhandled-exception report for a bug. After the start the host's errors are logged as usual.
    /// </summary>
    public static WebApplicationBuilder AddStartupRefusals(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var started = new StrongBox<bool>();
        builder.Services.AddHostedService(provider => new StartedSignal(started, provider.GetRequiredService<IHostApplicationLifetime>()));
        builder.Logging.AddFilter(HostCategory, level => level >= LogLevel.Information && (level < LogLevel.Error || Volatile.Read(ref started.Value)));
        return builder;
    }

    /// <summary>The refusal's one line (without <see cref="Prefix"/>), or <see langword="null"/> when the error is not a refusal.</summary>
    public static string? Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var lines = Causes(error).Select(Line).Where(line => line is not null).Distinct().ToList();
        return lines.Count == 0 ? null : OneLine(string.Join("; ", lines));
    }

    private static IEnumerable<Exception> Causes(Exception error) => error switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Causes),
        TargetInvocationException { InnerException: { } inner } => Causes(inner),
        _ => [error],
    };

    private static string? Line(Exception error) => error switch
    {
        StartupRefusedException refused => refused.Message,
        OptionsValidationException invalid => string.Join("; ", invalid.Failures.Select(failure => Failure(invalid.OptionsType, failure))),
        // Kestrel: "Failed to bind to address http://127.0.0.1:5080: address already in use."
        IOException io when io.InnerException is AddressInUseException || io.Message.StartsWith("Failed to bind to address", StringComparison.Ordinal) =>
            error.Message.TrimEnd('.') + " (set Console__Urls to a free address and port).",
        InvalidOperationException when BindingFailure().Match(error.Message) is { Success: true } binding =>
            // The binder's message quotes the value; a value in the wrong field may be a secret, so only its key is named.
            $"the setting {binding.Groups["key"].Value} must be {Friendly(binding.Groups["type"].Value)} (environment variable {binding.Groups["key"].Value.Replace(":", "__", StringComparison.Ordinal)}).",
        _ => null,
    };

    // DataAnnotations failures read "DataAnnotation validation failed for 'ConsoleOptions' members: 'Token' with the error: '…'."
    private static string Failure(Type optionsType, string failure)
    {
        var message = DataAnnotationFailure().Match(failure) is { Success: true } match ? match.Groups["error"].Value : failure;
        var section = optionsType.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string;
        return section is null || message.Contains(section, StringComparison.Ordinal) ? message : $"{section}: {message}";
    }

    private static string Friendly(string type) => type switch
    {
        "System.Boolean" => "true or false",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Decimal" => "a number",
        "System.TimeSpan" => "a duration such as 00:00:30",
        "System.Uri" => "a URL",
        _ => "a value of type " + type,
    };

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex(@"^Failed to convert configuration value (?:'.*' )?at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex BindingFailure();

    // Raises the flag once the host has started in full (ApplicationStarted comes after every hosted service's start).
    private sealed class StartedSignal(StrongBox<bool> started, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(() => Volatile.Write(ref started.Value, true));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
