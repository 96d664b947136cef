using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(OpsBot.Benchmarks.ClusterSimScaleBenchmarks).Assembly).Run(args);
