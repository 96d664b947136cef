namespace OpsBot.Benchmarks.Reliability;

/// <summary>The commands a drill sends: a seeded mix of reads and triages of the e-commerce namespace.</summary>
internal static class DrillMix
{
    private const string Ns = DrillWorld.Namespace;

    private static readonly (string Command, string Text)[] Reads =
    [
        ("/k8s", $"pods -n {Ns}"),
        ("/k8s", $"describe deploy checkout -n {Ns}"),
        ("/k8s", $"events -n {Ns}"),
        ("/k8s", $"rollout status deploy/frontend -n {Ns}"),
        ("/k8s", $"hpa -n {Ns}"),
        ("/k8s", $"describe deploy payment -n {Ns}"),
        ("/triage", $"ns/{Ns}"),
        ("/triage", $"deploy/catalog -n {Ns}"),
    ];

    /// <summary>The deployments the drills restart (one approval workflow each at a time).</summary>
    public static readonly string[] Deployments = ["frontend", "checkout", "payment", "catalog"];

    public static IReadOnlyList<DrillCommand> Next(DrillWorld world, Random random, int count) => Next(world.NewCommand, random, count);

    /// <summary><paramref name="count"/> reads picked with <paramref name="random"/>, made by <paramref name="newCommand"/> (command, text).</summary>
    public static IReadOnlyList<DrillCommand> Next(Func<string, string, DrillCommand> newCommand, Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => Reads[random.Next(Reads.Length)]).Select(pick => newCommand(pick.Command, pick.Text))];

    public static IReadOnlyList<DrillCommand> Restarts(DrillWorld world) =>
        [.. Deployments.Select(name => world.NewCommand("/k8s", $"restart deploy/{name} -n {Ns}"))];
}
