using System.Globalization;
using OpsBot.Testing;

namespace OpsBot.Benchmarks.Reliability;

/// <summary>
/// <c>dotnet run -c Release --project bench/OpsBot.Benchmarks -- reliability [--scenario all|kubernetes|slack|teams|kill|inflight|postgres|memory]
/// [--seed N] [--commands N] [--burst N] [--memory-commands N] [--speed X]</c>: runs the scenarios and prints their figures.
/// Exit code 1 when a command was lost or duplicated, or an approved action ran twice.
/// </summary>
internal static class ReliabilityRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var scenario = Option(args, "--scenario") ?? "all";
        var seed = int.Parse(Option(args, "--seed") ?? "42", CultureInfo.InvariantCulture);
        var commands = int.Parse(Option(args, "--commands") ?? "200", CultureInfo.InvariantCulture);
        var burst = int.Parse(Option(args, "--burst") ?? "200", CultureInfo.InvariantCulture);
        var memoryCommands = int.Parse(Option(args, "--memory-commands") ?? "3000", CultureInfo.InvariantCulture);
        var speed = double.Parse(Option(args, "--speed") ?? "60", CultureInfo.InvariantCulture);
        var results = new List<ScenarioResult>();
        var started = TimeProvider.System.GetTimestamp();
        foreach (var name in scenario == "all" ? ["kubernetes", "slack", "teams", "kill", "inflight", "postgres", "memory"] : scenario.Split(','))
        {
            System.Console.WriteLine($"// running {name}…");
            var result = name switch
            {
                "kubernetes" => await ReliabilityScenarios.KubernetesFaultsAsync(commands, 20, seed).ConfigureAwait(false),
                "slack" => await ReliabilityScenarios.SlackFaultsAsync(commands, 20, seed).ConfigureAwait(false),
                "teams" => await ReliabilityScenarios.TeamsFaultsAsync(commands, 20, seed).ConfigureAwait(false),
                "kill" => await ReliabilityScenarios.KillAsync(burst, seed).ConfigureAwait(false),
                "memory" => await ReliabilityScenarios.MemoryAsync(memoryCommands, 20, speed, seed).ConfigureAwait(false),
                "inflight" => await ReliabilityScenarios.PendingAtKillAsync(burst).ConfigureAwait(false),
                "postgres" => await PostgresRestartAsync(commands, seed).ConfigureAwait(false),
                _ => throw new ArgumentException($"Unknown scenario {name}: kubernetes, slack, teams, kill, inflight, postgres, memory or all."),
            };
            System.Console.WriteLine(result.Report());
            results.Add(result);
        }

        System.Console.WriteLine($"// {results.Count} scenarios in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0} s, seed {seed}");
        return results.Any(result => result.Tally.Lost > 0 || result.Tally.Duplicated > 0 || result.RanTwice > 0 || result.DeliveryFaults > 0) ? 1 : 0;
    }

    private static async Task<ScenarioResult> PostgresRestartAsync(int commands, int seed)
    {
        await using var server = await PostgresServer.StartAsync().ConfigureAwait(false);
        return await ReliabilityScenarios.PostgresRestartAsync(server, Math.Min(commands, 40), TimeSpan.FromSeconds(3), seed).ConfigureAwait(false);
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
