using OpsBot.Commands.K8s;

namespace OpsBot.Tests.Commands;

public sealed class LogRedactorTests
{
    [Theory]
    [InlineData("Authorization: Bearer abc123.def-456_ghi", "Authorization: Bearer [REDACTED]")]
    [InlineData("password=hunter2 user=bob", "password=[REDACTED] user=bob")]
    [InlineData("DB_PASSWORD: s3cr3t!", "DB_PASSWORD: [REDACTED]")]
    [InlineData("token: ghp_1234567890abcdef", "token: [REDACTED]")]
    [InlineData("{\"password\": \"p@ss\", \"user\": \"bob\"}", "{\"password\": \"[REDACTED]\", \"user\": \"bob\"}")]
    [InlineData("api_key=AbCdEf&x=1", "api_key=[REDACTED]&x=1")]
    [InlineData("aws key AKIAIOSFODNN7EXAMPLE used", "aws key [REDACTED AWS KEY] used")]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws_secret_access_key = [REDACTED]")]
    [InlineData("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U ok", "jwt [REDACTED JWT] ok")]
    [InlineData("connecting to postgres://shop:hunter2@db:5432/shop", "connecting to postgres://shop:[REDACTED]@db:5432/shop")]
    [InlineData("Server=db;User Id=sa;Password=Sup3r;Database=x", "Server=db;User Id=sa;Password=[REDACTED];Database=x")]
    [InlineData("redis://:pa55@cache:6379", "redis://:pa55@cache:6379")]
    [InlineData("GET /health 200 12ms", "GET /health 200 12ms")]
    [InlineData("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory", "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory")]
    public void Redact_Secrets_Masked(string line, string expected)
    {
        Assert.Equal(expected, LogRedactor.Redact(line));
    }

    [Fact]
    public void Redact_PrivateKeyBlock_WholeBlockMasked()
    {
        var log = "start\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\nabcdef\n-----END RSA PRIVATE KEY-----\nend";

        Assert.Equal("start\n[REDACTED PRIVATE KEY]\nend", LogRedactor.Redact(log));
    }

    [Fact]
    public void Redact_TruncatedPrivateKey_MaskedToTheEnd()
    {
        Assert.Equal("x [REDACTED PRIVATE KEY]", LogRedactor.Redact("x -----BEGIN PRIVATE KEY-----\nMIIE"));
    }

    [Fact]
    public void Redact_LargeLog_Completes()
    {
        var log = string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"line {i} password=p{i} Bearer t{i}"));

        var redacted = LogRedactor.Redact(log);

        Assert.DoesNotContain("password=p1", redacted, StringComparison.Ordinal);
        Assert.Equal(20_000, redacted.Split('\n').Length);
    }
}
