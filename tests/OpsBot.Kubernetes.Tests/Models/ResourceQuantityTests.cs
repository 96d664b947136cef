using OpsBot.Kubernetes.Models;
using OpsBot.Kubernetes.Serialization;

namespace OpsBot.Kubernetes.Tests.Models;

public sealed class ResourceQuantityTests
{
    public static TheoryData<string, decimal> ValidQuantities() => new()
    {
        { "0", 0m },
        { "2", 2m },
        { "0.5", 0.5m },
        { ".5", 0.5m },
        { "1.", 1m },
        { "+3", 3m },
        { "-1", -1m },
        { "250m", 0.25m },
        { "1500m", 1.5m },
        { "100n", 0.0000001m },
        { "5u", 0.000005m },
        { "100k", 100_000m },
        { "2M", 2_000_000m },
        { "3G", 3_000_000_000m },
        { "1T", 1_000_000_000_000m },
        { "1P", 1_000_000_000_000_000m },
        { "2E", 2_000_000_000_000_000_000m },
        { "1Ki", 1024m },
        { "512Mi", 536_870_912m },
        { "1.5Gi", 1_610_612_736m },
        { "2Ti", 2_199_023_255_552m },
        { "1Pi", 1_125_899_906_842_624m },
        { "1Ei", 1_152_921_504_606_846_976m },
        { "1e3", 1000m },
        { "1E3", 1000m },
        { "1.5e2", 150m },
        { "25e-2", 0.25m },
        { "1e+2", 100m },
        { "0.1Ki", 102.4m },
    };

    [Theory]
    [MemberData(nameof(ValidQuantities))]
    public void Parse_ValidQuantity_HasExactValueAndKeepsText(string text, decimal expected)
    {
        var quantity = ResourceQuantity.Parse(text);

        Assert.Equal(expected, quantity.ToDecimal());
        Assert.Equal(text, quantity.ToString());
        Assert.True(ResourceQuantity.TryParse(text, out var parsed));
        Assert.Equal(expected, parsed.ToDecimal());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("Mi")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("1KiB")]
    [InlineData("1 Mi")]
    [InlineData(" 1")]
    [InlineData("1mi")]
    [InlineData("1e")]
    [InlineData("1e3.5")]
    [InlineData("-")]
    [InlineData("1%")]
    [InlineData("1e99")]
    [InlineData("100000000000Ei")]
    public void Parse_InvalidText_ThrowsFormatExceptionNamingTheText(string text)
    {
        var ex = Assert.Throws<FormatException>(() => ResourceQuantity.Parse(text));

        Assert.StartsWith($"'{text}' is not a valid Kubernetes quantity", ex.Message, StringComparison.Ordinal);
        Assert.False(ResourceQuantity.TryParse(text, out var quantity));
        Assert.Equal(ResourceQuantity.Zero, quantity);
    }

    [Fact]
    public void Parse_UnknownSuffix_MessageNamesSuffixAndValidForms()
    {
        var ex = Assert.Throws<FormatException>(() => ResourceQuantity.Parse("5Mb"));

        Assert.Contains("unknown suffix 'Mb'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Ki, Mi, Gi", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse() => Assert.False(ResourceQuantity.TryParse(null, out _));

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(1024L, "1Ki")]
    [InlineData(536_870_912L, "512Mi")]
    [InlineData(1_073_741_824L, "1Gi")]
    [InlineData(1_610_612_736L, "1536Mi")]
    [InlineData(1_099_511_627_776L, "1Ti")]
    [InlineData(1000L, "1000")]
    [InlineData(1536L, "1536")]
    public void FromBytes_ByteCount_UsesLargestExactBinarySuffix(long bytes, string expected)
    {
        var quantity = ResourceQuantity.FromBytes(bytes);

        Assert.Equal(expected, quantity.ToString());
        Assert.Equal(bytes, quantity.ToBytes());
    }

    [Theory]
    [InlineData(250L, "250m")]
    [InlineData(2000L, "2")]
    [InlineData(1500L, "1500m")]
    [InlineData(0L, "0")]
    public void FromMillicores_Millicores_UsesCoresWhenWhole(long millicores, string expected)
    {
        var quantity = ResourceQuantity.FromMillicores(millicores);

        Assert.Equal(expected, quantity.ToString());
        Assert.Equal(millicores, quantity.ToMillicores());
    }

    [Fact]
    public void FromDecimal_Value_WritesWithoutTrailingZeros() =>
        Assert.Equal("0.5", ResourceQuantity.FromDecimal(0.500m).ToString());

    [Theory]
    [InlineData("1.5", 2L, 1500L)]
    [InlineData("100m", 1L, 100L)]
    [InlineData("1n", 1L, 1L)]
    [InlineData("512Mi", 536_870_912L, 536_870_912_000L)]
    public void ToBytesAndToMillicores_Fractions_RoundUp(string text, long bytes, long millicores)
    {
        var quantity = ResourceQuantity.Parse(text);

        Assert.Equal(bytes, quantity.ToBytes());
        Assert.Equal(millicores, quantity.ToMillicores());
    }

    [Fact]
    public void ToBytes_BeyondLong_ThrowsOverflow() =>
        Assert.Throws<OverflowException>(() => ResourceQuantity.Parse("100Ei").ToBytes());

    [Fact]
    public void Comparison_DifferentUnits_ComparesValues()
    {
        var oneGi = ResourceQuantity.Parse("1Gi");
        var mebis = ResourceQuantity.Parse("1024Mi");
        var oneG = ResourceQuantity.Parse("1G");

        Assert.Equal(oneGi, mebis);
        Assert.True(oneGi == mebis);
        Assert.Equal(oneGi.GetHashCode(), mebis.GetHashCode());
        Assert.True(oneG < oneGi);
        Assert.True(oneGi > oneG);
        Assert.True(oneGi >= mebis && oneGi <= mebis);
        Assert.True(ResourceQuantity.Parse("250m") < ResourceQuantity.Parse("1"));
        Assert.Equal(0, ResourceQuantity.Parse("0.5").CompareTo(ResourceQuantity.Parse("500m")));
        Assert.Equal(
            ["100m", "0.5", "1", "1500m"],
            new[] { "1500m", "1", "100m", "0.5" }.Select(ResourceQuantity.Parse).Order().Select(q => q.ToString()));
    }

    [Fact]
    public void Default_IsZero()
    {
        Assert.Equal("0", default(ResourceQuantity).ToString());
        Assert.Equal(ResourceQuantity.Parse("0Mi"), default);
    }

    [Theory]
    [InlineData("{\"cpu\":\"250m\",\"memory\":\"1.5Gi\"}")]
    [InlineData("{\"cpu\":2,\"memory\":\"64Mi\",\"nvidia.com/gpu\":1}")]
    [InlineData("{\"cpu\":0.5,\"big\":1e3,\"neg\":-1}")]
    public void Json_StringAndNumberForms_RoundTripExactly(string json)
    {
        var map = KubernetesJson.Deserialize<V1ResourceRequirements>($"{{\"limits\":{json}}}");

        Assert.Equal($"{{\"limits\":{json}}}", KubernetesJson.Serialize(map));
    }

    [Fact]
    public void Json_Number_ReadsValueAndRemembersForm()
    {
        var requirements = KubernetesJson.Deserialize<V1ResourceRequirements>("{\"limits\":{\"cpu\":1e3,\"memory\":\"1e3\"}}");

        Assert.True(requirements.Limits!["cpu"].IsJsonNumber);
        Assert.False(requirements.Limits["memory"].IsJsonNumber);
        Assert.Equal(requirements.Limits["cpu"], requirements.Limits["memory"]);
    }

    [Theory]
    [InlineData("{\"limits\":{\"cpu\":\"lots\"}}", "'lots' is not a valid Kubernetes quantity")]
    [InlineData("{\"limits\":{\"cpu\":true}}", "must be a JSON string or number")]
    public void Json_InvalidQuantity_ThrowsJsonExceptionWithReason(string json, string expected)
    {
        var ex = Assert.Throws<System.Text.Json.JsonException>(() => KubernetesJson.Deserialize<V1ResourceRequirements>(json));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_NullableQuantity_RoundTripsInMetricTarget()
    {
        const string json = "{\"type\":\"AverageValue\",\"averageValue\":\"500m\"}";

        var target = KubernetesJson.Deserialize<V2MetricTarget>(json);

        Assert.Equal(0.5m, target.AverageValue!.Value.ToDecimal());
        Assert.Null(target.Value);
        Assert.Equal(json, KubernetesJson.Serialize(target));
    }
}
