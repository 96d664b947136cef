namespace OpsBot.ClusterSim.Api;

/// <summary>One validation failure: <c>spec.containers[0].image: Required value</c>.</summary>
public sealed record FieldError(string Field, string Reason, string Detail)
{
    public static FieldError Required(string field, string detail = "") => new(field, "FieldValueRequired", detail);

    public static FieldError Invalid(string field, string value, string detail) => new(field, "FieldValueInvalid", $"{value}: {detail}");

    /// <summary>The cause message (without the field): <c>Required value</c>, <c>Invalid value: "x": …</c>.</summary>
    public string Message => Reason switch
    {
        "FieldValueRequired" => Detail.Length == 0 ? "Required value" : $"Required value: {Detail}",
        _ => $"Invalid value: {Detail}",
    };

    public override string ToString() => $"{Field}: {Message}";
}
