namespace OpsBot.Workflows.Incidents.Updates;

/// <summary>The configuration words of <see cref="UpdateApprovalMode"/>.</summary>
public static class UpdateApprovalModes
{
    public const string Allowed = "\"other-responder\", \"commander\" or \"none\"";

    public static bool TryParse(string? text, out UpdateApprovalMode mode)
    {
        UpdateApprovalMode? found = text?.Trim().ToLowerInvariant() switch
        {
            "other-responder" => UpdateApprovalMode.OtherResponder,
            "commander" => UpdateApprovalMode.Commander,
            "none" => UpdateApprovalMode.None,
            _ => null,
        };
        mode = found.GetValueOrDefault();
        return found is not null;
    }

    public static string Word(this UpdateApprovalMode mode) => mode switch
    {
        UpdateApprovalMode.Commander => "commander",
        UpdateApprovalMode.None => "none",
        _ => "other-responder",
    };
}
