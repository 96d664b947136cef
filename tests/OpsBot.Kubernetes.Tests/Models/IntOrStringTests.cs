using OpsBot.Kubernetes.Models;
using OpsBot.Kubernetes.Serialization;

namespace OpsBot.Kubernetes.Tests.Models;

public sealed class IntOrStringTests
{
    [Fact]
    public void FromInt32_Number_IsInt()
    {
        IntOrString value = 8080;

        Assert.True(value.IsInt);
        Assert.Equal(8080, value.IntValue);
        Assert.Null(value.StringValue);
        Assert.Equal("8080", value.ToString());
    }

    [Fact]
    public void FromString_Name_IsStringAndIntValueThrows()
    {
        IntOrString value = "http";

        Assert.False(value.IsInt);
        Assert.False(value.IsPercent);
        Assert.Equal("http", value.StringValue);
        Assert.Throws<InvalidOperationException>(() => value.IntValue);
    }

    [Fact]
    public void Equality_SameDigitsDifferentForms_AreNotEqual() =>
        Assert.NotEqual(IntOrString.FromInt32(1), IntOrString.FromString("1"));

    [Theory]
    [InlineData("25%", 10, true, 3)]
    [InlineData("25%", 10, false, 2)]
    [InlineData("100%", 7, false, 7)]
    [InlineData("0%", 7, true, 0)]
    [InlineData("25%", 1, true, 1)]
    [InlineData("25%", 1, false, 0)]
    public void GetScaledValue_Percent_RoundsAsRequested(string percent, int total, bool roundUp, int expected) =>
        Assert.Equal(expected, IntOrString.FromString(percent).GetScaledValue(total, roundUp));

    [Fact]
    public void GetScaledValue_Int_ReturnsTheInt() => Assert.Equal(2, IntOrString.FromInt32(2).GetScaledValue(10, roundUp: true));

    [Theory]
    [InlineData("http")]
    [InlineData("x%")]
    [InlineData("%")]
    public void GetScaledValue_NotAPercentage_Throws(string text)
    {
        var ex = Assert.Throws<FormatException>(() => IntOrString.FromString(text).GetScaledValue(10, roundUp: true));

        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"maxSurge\":\"25%\",\"maxUnavailable\":1}")]
    [InlineData("{\"maxSurge\":0,\"maxUnavailable\":\"1\"}")]
    public void Json_BothForms_RoundTripExactly(string json)
    {
        var rollingUpdate = KubernetesJson.Deserialize<V1RollingUpdateDeployment>(json);

        Assert.Equal(json, KubernetesJson.Serialize(rollingUpdate));
    }

    [Fact]
    public void Json_ProbePort_ReadsNumberOrName()
    {
        var probe = KubernetesJson.Deserialize<V1Probe>("{\"httpGet\":{\"path\":\"/healthz\",\"port\":8080},\"tcpSocket\":{\"port\":\"http\"}}");

        Assert.Equal(8080, probe.HttpGet!.Port!.Value.IntValue);
        Assert.Equal("http", probe.TcpSocket!.Port!.Value.StringValue);
    }

    [Theory]
    [InlineData("{\"maxSurge\":1.5}")]
    [InlineData("{\"maxSurge\":true}")]
    public void Json_NeitherIntNorString_Throws(string json) =>
        Assert.Throws<System.Text.Json.JsonException>(() => KubernetesJson.Deserialize<V1RollingUpdateDeployment>(json));
}
