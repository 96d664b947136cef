namespace OpsBot.ClusterSim;

/// <summary>Standalone entry point: <c>dotnet run --project src/OpsBot.ClusterSim -- --scenario NAME --kubeconfig PATH</c>.</summary>
public static class SimulatorProgram
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("ClusterSim: not built yet (issue 3).");
        return args.Length == 0 ? 1 : 1;
    }
}
