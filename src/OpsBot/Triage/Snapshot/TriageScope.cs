namespace OpsBot.Triage;

/// <summary>What <c>/triage</c> looks at: a whole namespace, one deployment, or one pod.</summary>
public enum TriageScope
{
    Namespace,
    Deployment,
    Pod,
}
