namespace OpsBot.ClusterSim.Selectors;

/// <summary>A label or field selector could not be parsed (the API answers 400 BadRequest).</summary>
public sealed class SelectorParseException : Exception
{
    public SelectorParseException()
    {
    }

    public SelectorParseException(string message)
        : base(message)
    {
    }

    public SelectorParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
