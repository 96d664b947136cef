using System.Globalization;
using System.Runtime.CompilerServices;
using CsCheck;
using Xunit.Sdk;

namespace OpsBot.Tests.Fuzz;

/// <summary>
/// Runs a property over values drawn from a CsCheck generator, deterministically: each property draws from its own PCG
/// stream (named after the test) with one fixed seed, so CI sees the same inputs every run and a failure names the
/// iteration that broke it. Longer runs (docs/RELIABILITY.md): <c>OPSBOT_FUZZ_SCALE</c> multiplies every iteration count,
/// <c>OPSBOT_FUZZ_SEED</c> picks another seed (a number, or <c>random</c>: a new one each run, printed on failure).
/// </summary>
internal static class Fuzz
{
    public const string Category = "Fuzz";

    private const ulong DefaultSeed = 20_261_206;

    public static int Scale { get; } = int.TryParse(Environment.GetEnvironmentVariable("OPSBOT_FUZZ_SCALE"), NumberStyles.None, CultureInfo.InvariantCulture, out var scale) && scale > 0 ? scale : 1;

    public static ulong Seed { get; } = Environment.GetEnvironmentVariable("OPSBOT_FUZZ_SEED") switch
    {
        null or "" => DefaultSeed,
        "random" => (ulong)Random.Shared.NextInt64(),
        var text => ulong.Parse(text, CultureInfo.InvariantCulture),
    };

    public static void Check<T>(Gen<T> gen, int iterations, Action<T> property, Func<T, string>? describe = null, [CallerMemberName] string name = "") =>
        CheckAsync(gen, iterations, value =>
        {
            property(value);
            return Task.CompletedTask;
        }, describe, name).GetAwaiter().GetResult();

    public static async Task CheckAsync<T>(Gen<T> gen, int iterations, Func<T, Task> property, Func<T, string>? describe = null, [CallerMemberName] string name = "")
    {
        ArgumentNullException.ThrowIfNull(gen);
        ArgumentNullException.ThrowIfNull(property);
        var pcg = new PCG(Stream(name), Seed);
        var total = iterations * Scale;
        for (var i = 0; i < total; i++)
        {
            var value = gen.Generate(pcg, null!, out _);
            try
            {
                await property(value);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                var shown = describe?.Invoke(value) ?? value?.ToString() ?? "(null)";
                throw new XunitException(
                    $"{name} failed at iteration {i + 1} of {total} (OPSBOT_FUZZ_SEED={Seed}) for input ({shown.Length} chars): {Visible(shown)}\n{error}");
            }
        }
    }

    // A stable stream per property (string.GetHashCode is randomized per process).
    private static uint Stream(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private static string Visible(string text)
    {
        var shown = text.Length > 2000 ? text[..2000] + "…" : text;
        return string.Concat(shown.Select(c => char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u202e' ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
