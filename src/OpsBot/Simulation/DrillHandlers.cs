namespace OpsBot.Simulation;

/// <summary>Every <c>/drill</c> handler, for registration.</summary>
public static class DrillHandlers
{
    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(DrillListHandler),
        typeof(DrillStartHandler),
        typeof(DrillAdvanceHandler),
        typeof(DrillStopHandler),
    ];
}
