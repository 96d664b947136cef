namespace OpsBot.Testing;

/// <summary>How <see cref="OpsBotProcess.StartAsync"/> runs the built host; every default fits most callers.</summary>
public sealed record OpsBotProcessOptions
{
    /// <summary>The host to run (default: <see cref="OpsBotProcess.FindDll"/>, the build in the caller's configuration).</summary>
    public string? Dll { get; init; }

    /// <summary>
    /// The process's working directory, which is also the host's content root (where it reads <c>appsettings.json</c>):
    /// default the data directory, so that no repository settings file is read unless a caller says so.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Called with each line the process writes to standard error (all output is kept in <see cref="OpsBotProcess.Output"/> anyway).</summary>
    public Action<string>? StandardErrorLine { get; init; }

    /// <summary>How long a start may take until <c>/readyz</c> answers 200.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(90);
}
