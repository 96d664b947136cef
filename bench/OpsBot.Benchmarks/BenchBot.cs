using OpsBot.Testing;

namespace OpsBot.Benchmarks;

/// <summary>The settings the console benchmarks start the built host with (<see cref="OpsBotProcess"/>): a kubeconfig, warnings only.</summary>
internal static class BenchBot
{
    /// <summary>
    /// Starts <paramref name="dll"/> (default: <c>OPSBOT_BENCH_BUILD</c>'s <c>OpsBot.dll</c>, else this repository's Release build of the host) against <paramref name="kubeconfig"/>'s
    /// <c>opsbot-sim</c> context, in a data folder of its own, plus <paramref name="environment"/> (keys as
    /// <c>Section__Key</c> or <c>Section:Key</c>).
    /// </summary>
    public static Task<OpsBotProcess> StartAsync(string kubeconfig, string? dll = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Kubernetes:Kubeconfig"] = kubeconfig,
            ["Kubernetes:Context"] = "opsbot-sim",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        // OPSBOT_BENCH_BUILD: another build's output folder, to measure a before and an after on the same machine.
        dll ??= Environment.GetEnvironmentVariable("OPSBOT_BENCH_BUILD") is { Length: > 0 } build ? Path.Combine(build, "OpsBot.dll") : OpsBotProcess.FindDll("Release");
        return OpsBotProcess.StartAsync(settings, new OpsBotProcessOptions { Dll = dll });
    }
}
