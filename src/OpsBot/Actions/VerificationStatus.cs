namespace OpsBot.Actions;

public enum VerificationStatus
{
    /// <summary>Not decided yet: look again.</summary>
    Pending,
    Succeeded,
    Failed,
}
