using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Serialization;

/// <summary>
/// <c>metav1.Time</c>: RFC 3339 in UTC with whole seconds (<c>2024-03-01T10:00:00Z</c>), the form the
/// API server writes, so that a read-then-write round trip keeps the text.
/// </summary>
public sealed class KubernetesTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(KubernetesTime.Format(value));
}

/// <summary><c>metav1.MicroTime</c> (events' <c>eventTime</c>, leases): RFC 3339 with six fractional digits.</summary>
public sealed class KubernetesMicroTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(KubernetesTime.FormatMicro(value));
}
