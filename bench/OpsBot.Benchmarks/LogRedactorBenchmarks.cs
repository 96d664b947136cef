using System.Text;
using BenchmarkDotNet.Attributes;
using OpsBot.Benchmarks.Baselines;
using OpsBot.Commands.K8s;

namespace OpsBot.Benchmarks;

/// <summary>
/// <c>LogRedactor.Redact</c> on what <c>/k8s logs</c> and triage hand it, before (the redactor of main before issue 18,
/// <see cref="LogRedactorBefore"/>) and after (provider keys from secretlint/gitleaks, command-line flags, two-pass
/// quoted values), side by side: a 10,000-line application log (~1.4 MB: JSON and plain lines, stack traces, a few
/// secrets) and a 1,000-line log of lines built to make backtracking engines slow.
/// </summary>
/// <remarks>In process: building BenchmarkDotNet's separate boilerplate project timed out (2 min) on the loaded 2-core machine.</remarks>
[MemoryDiagnoser]
[InProcess]
public class LogRedactorBenchmarks
{
    private string _application = string.Empty;
    private string _adversarial = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var log = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            log.Append((i % 10) switch
            {
                0 => $"{{\"ts\":\"2026-12-06T03:00:{i % 60:00}.{i % 1000:000}Z\",\"level\":\"info\",\"msg\":\"GET /api/cart/{i} 200\",\"duration_ms\":{i % 97},\"trace_id\":\"{i:x8}c0ffee{i:x8}\",\"user\":\"u{i}\"}}",
                1 => $"2026-12-06 03:00:01.{i % 1000:000} INFO  [http-nio-8080-exec-{i % 16}] c.e.shop.CheckoutController : order {i} placed, total=129.90 EUR, items=3",
                2 => $"    at com.example.shop.payment.StripeClient.charge(StripeClient.java:{i % 400})",
                3 => $"WARN  HikariPool-1 - Connection is not available, request timed out after 30000ms (total={i % 20}, active=20, idle=0, waiting={i % 50})",
                4 => $"level=error ts=2026-12-06T03:00:01Z caller=main.go:{i % 900} msg=\"upstream refused\" err=\"dial tcp 10.0.{i % 255}.{i % 254}:6379: connect: connection refused\"",
                5 => $"I1206 03:00:01.{i:000000}       1 controller.go:{i % 300}] Reconciling deployment shop/frontend-{i % 40} generation={i}",
                6 => i % 50 == 6 ? $"DEBUG connecting to postgres://shop:hunter{i}@db:5432/shop?sslmode=require" : $"DEBUG cache hit ratio=0.{i % 100:00} keys={i * 3}",
                7 => i % 70 == 7 ? $"ERROR Stripe call failed with key sk_live_{new string('a', 12)}{i:000000000000} (HTTP 401)" : $"INFO  feature flags loaded: checkout_v2=true, reviews=false ({i} evaluations)",
                8 => $"node[{i % 8}]: heap used {i % 512}MB of 1024MB, gc pause {i % 30}ms",
                _ => $"Dec 06 03:00:01 ip-10-0-1-{i % 250} kubelet[{1000 + (i % 300)}]: I1206 prober.go:117] \"Probe succeeded\" probeType=\"Readiness\" pod=\"shop/cart-{i}\"",
            });
            log.Append('\n');
        }

        _application = log.ToString();
        var adversarial = new StringBuilder();
        string[] units = ["password=", "a.", "xoxb-1-", "http://a:", "eyJ", "\"", "--password \"", "token: '"];
        for (var i = 0; i < 1_000; i++)
        {
            var unit = units[i % units.Length];
            adversarial.Append(string.Concat(Enumerable.Repeat(unit, 400 / unit.Length))).Append('\n');
        }

        _adversarial = adversarial.ToString();
    }

    [Benchmark(Baseline = true)]
    public string BeforeApplicationLog() => LogRedactorBefore.Redact(_application);

    [Benchmark]
    public string AfterApplicationLog() => LogRedactor.Redact(_application);

    [Benchmark]
    public string BeforeAdversarialLog() => LogRedactorBefore.Redact(_adversarial);

    [Benchmark]
    public string AfterAdversarialLog() => LogRedactor.Redact(_adversarial);
}
