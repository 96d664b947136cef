namespace OpsBot.Actions;

/// <summary>The object changed since the plan was approved so that applying it would be unsafe; the workflow fails with this message.</summary>
public sealed class ActionConflictException : Exception
{
    public ActionConflictException()
    {
    }

    public ActionConflictException(string message)
        : base(message)
    {
    }

    public ActionConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
