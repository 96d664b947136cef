using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "side-by-side")
{
    return await OpsBot.Benchmarks.SideBySide.RunAsync(args).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "watch-cache")
{
    return await OpsBot.Benchmarks.WatchCacheSideBySide.RunAsync(args).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "first-answer")
{
    return await OpsBot.Benchmarks.FirstAnswer.RunAsync(args).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "triage-reads")
{
    return await OpsBot.Benchmarks.TriageReadsBreakdown.RunAsync(args).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "log-reads")
{
    return await OpsBot.Benchmarks.LogReadPaths.RunAsync(args).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "reliability")
{
    return await OpsBot.Benchmarks.Reliability.ReliabilityRunner.RunAsync(args).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "triage-quality")
{
    return await OpsBot.Benchmarks.TriageQuality.RunAsync(args).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(OpsBot.Benchmarks.ClusterSimScaleBenchmarks).Assembly).Run(args);
return 0;
