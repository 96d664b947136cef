using System.Diagnostics;
using System.Globalization;

namespace OpsBot.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/OpsBot.Benchmarks -- triage-quality [--rounds 5] [--sampled 1000]</c>: the
/// 10,000-pod namespace of <see cref="TriageBenchmarks"/> triaged once cold (recall, precision, misses and extras printed by
/// its setup) and then <c>--rounds</c> times warm, in one process without BenchmarkDotNet's build step — a quick check
/// that the planted failures are still found, with the warm times (median, min, max).
/// </summary>
internal static class TriageQuality
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = int.Parse(BenchArgs.Option(args, "--rounds") ?? "5", CultureInfo.InvariantCulture);
        var bench = new TriageBenchmarks { MaxSampledWorkloads = int.Parse(BenchArgs.Option(args, "--sampled") ?? "1000", CultureInfo.InvariantCulture) };
        await bench.SetupAsync().ConfigureAwait(false);
        try
        {
            var times = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var watch = Stopwatch.StartNew();
                await bench.TriageNamespace().ConfigureAwait(false);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// warm triage, {rounds} rounds: median {times[times.Count / 2]:0} ms, min {times[0]:0} ms, max {times[^1]:0} ms"));
            return 0;
        }
        finally
        {
            await bench.CleanupAsync().ConfigureAwait(false);
        }
    }
}
