namespace OpsBot.ClusterSim.Api.Patching;

/// <summary>A patch could not be applied (the API answers 422) or was malformed (400).</summary>
public sealed class PatchException : Exception
{
    public PatchException()
    {
    }

    public PatchException(string message)
        : base(message)
    {
    }

    public PatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PatchException(string message, bool malformed)
        : base(message) => Malformed = malformed;

    /// <summary>The patch itself was malformed (400 BadRequest) rather than inapplicable (422).</summary>
    public bool Malformed { get; }
}
