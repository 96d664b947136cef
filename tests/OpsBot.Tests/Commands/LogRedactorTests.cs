using System.Diagnostics;
using OpsBot.Commands.K8s;

namespace OpsBot.Tests.Commands;

public sealed class LogRedactorTests
{
    public static TheoryData<string> SampleNames => [.. SecretSamples.All.Select(sample => sample.Name)];

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
    [InlineData("redis://:pa55@cache:6379", "redis://:[REDACTED]@cache:6379")]
    [InlineData("auth ok, password=\"two words\" accepted", "auth ok, password=\"[REDACTED]\" accepted")]
    [InlineData("mysql -h db -u root -p hunter2 shop", "mysql -h db -u root -p [REDACTED] shop")]
    [InlineData("psql --password hunter2 -h db", "psql --password [REDACTED] -h db")]
    [InlineData("GET /health 200 12ms", "GET /health 200 12ms")]
    [InlineData("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory", "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory")]
    public void Redact_Secrets_Masked(string line, string expected)
    {
        Assert.Equal(expected, LogRedactor.Redact(line));
    }

    [Theory]
    [InlineData("docker run -p 8080:80 nginx")]
    [InlineData("ssh -p 2222 deploy@bastion")]
    [InlineData("kubectl port-forward -p 5432")]
    [InlineData("docker run -p 127.0.0.1:9090:9090/tcp prom")]
    [InlineData("Listening on http://0.0.0.0:8080/api")]
    [InlineData("user=bob channel=#incident took 35ms")]
    [InlineData("tokenizer ready; 4 workers")]
    public void Redact_LookalikesThatAreNotSecrets_AreKept(string line)
    {
        Assert.Equal(line, LogRedactor.Redact(line));
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Redact_EachSecretShape_HiddenInSurroundingText(string name)
    {
        var sample = SecretSamples.All.Single(candidate => candidate.Name == name);
        foreach (var (before, after) in (ReadOnlySpan<(string, string)>)[("", ""), ("2026-12-06T03:00:01Z ERROR upstream refused ", " (retrying in 5s)"), ("env: API_CREDENTIAL=", ";"), ("{\"config\": \"", "\", \"ok\": true}"), ("[", "]")])
        {
            var line = before + sample.Text + after;

            var redacted = LogRedactor.Redact(line);

            Assert.DoesNotContain(sample.Secret, redacted, StringComparison.Ordinal);
            Assert.Contains(before.TrimEnd('"'), redacted, StringComparison.Ordinal);
            if (before.Length == 0 && after.Length == 0)
            {
                Assert.Equal(sample.Label, redacted);
            }
        }
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

    // Inputs shaped to make a backtracking engine go quadratic or worse on these patterns: long runs that almost match.
    // Each must finish (redacted or withheld) — a generous bound, since this is a guard against hangs, not a timing test.
    [Theory]
    [InlineData("password=")]
    [InlineData("a.")]
    [InlineData("xoxb-1-")]
    [InlineData("-----BEGIN PRIVATE KEY")]
    [InlineData("http://a:")]
    [InlineData("eyJ")]
    [InlineData("\"")]
    [InlineData("--password \"")]
    public void Redact_AdversarialLine_FinishesQuickly(string unit)
    {
        var line = string.Concat(Enumerable.Repeat(unit, 50_000 / unit.Length));
        var watch = Stopwatch.StartNew();

        var redacted = LogRedactor.Redact(line);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.NotNull(redacted);
    }
}
