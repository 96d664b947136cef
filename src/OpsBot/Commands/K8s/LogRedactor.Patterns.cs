using System.Buffers;
using System.Text.RegularExpressions;

namespace OpsBot.Commands.K8s;

// The secret shapes LogRedactor hides. Provider keys and tokens are taken from two maintained rule sets rather than
// invented, and cited per line:
//   [secretlint] npm @secretlint/secretlint-rule-preset-recommend 13.0.7 (module/index.js; rules rule-aws, rule-slack,
//                rule-stripe, rule-github, rule-gitlab, rule-openai, rule-anthropic, rule-npm, rule-huggingface,
//                rule-groq, rule-docker, rule-hashicorp-vault, rule-grafana, rule-shopify, rule-databricks,
//                rule-linear, rule-privatekey, rule-database-connection-string)
//   [gitleaks]   gitleaks/gitleaks config/gitleaks.toml, commit 009e025ad4106ab333aa0b9dc4f2a884390d134c (rules
//                aws-access-token, gcp-api-key, jwt, slack-*, stripe-access-token, sendgrid-api-token,
//                anthropic-admin-api-key, digitalocean-*, pypi-upload-token, private-key)
// Where the two differ the union is used. JavaScript's (?<!\p{L}) and (?![…]) boundaries are kept as written; gitleaks'
// trailing "(?:[\x60'"\s;]|\\[nr]|$)" boundary is written as a negative lookahead so that it is not consumed.
// Each pattern is bounded ({m,n}) or anchored on a literal prefix, runs under a timeout, and is tested with its own
// sample in surrounding text (tests/OpsBot.Tests/Commands/LogRedactorTests.cs).
public static partial class LogRedactor
{
    // Group name in ProviderToken → what replaces the match.
    private static readonly (string Group, string Label)[] ProviderLabels =
    [
        ("aws", "[REDACTED AWS KEY]"),
        ("slack", "[REDACTED SLACK TOKEN]"),
        ("stripe", "[REDACTED STRIPE KEY]"),
        ("github", "[REDACTED GITHUB TOKEN]"),
        ("gitlab", "[REDACTED GITLAB TOKEN]"),
        ("google", "[REDACTED GOOGLE API KEY]"),
        ("jwt", "[REDACTED JWT]"),
        ("openai", "[REDACTED OPENAI KEY]"),
        ("anthropic", "[REDACTED ANTHROPIC KEY]"),
        ("npm", "[REDACTED NPM TOKEN]"),
        ("pypi", "[REDACTED PYPI TOKEN]"),
        ("sendgrid", "[REDACTED SENDGRID KEY]"),
        ("huggingface", "[REDACTED HUGGING FACE TOKEN]"),
        ("groq", "[REDACTED GROQ KEY]"),
        ("docker", "[REDACTED DOCKER TOKEN]"),
        ("vault", "[REDACTED VAULT TOKEN]"),
        ("grafana", "[REDACTED GRAFANA TOKEN]"),
        ("shopify", "[REDACTED SHOPIFY TOKEN]"),
        ("databricks", "[REDACTED DATABRICKS TOKEN]"),
        ("linear", "[REDACTED LINEAR KEY]"),
        ("digitalocean", "[REDACTED DIGITALOCEAN TOKEN]"),
    ];

    // What every ProviderToken branch starts with (JWTs: the ".ey" of their second part), ignoring case: a line without
    // any of these cannot hold a provider token. Keep in step with ProviderToken (each sample in the tests proves it).
    private static readonly SearchValues<string> ProviderPrefixes = SearchValues.Create(
        [
            "A3T", "AKIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "ASIA", "ABIA", "ACCA", "xox", "xapp-", "hooks.slack.com",
            "sk_", "rk_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "AIza", ".ey", "sk-", "npm_", "pypi-",
            "SG.", "hf_", "gsk_", "dckr_pat_", "hvs.", "hvb.", "hvr.", "glc_", "glsa_", "shppa_", "shpca_", "shpat_", "shpss_",
            "dapi", "lin_api_", "_v1_",
        ],
        StringComparison.OrdinalIgnoreCase);

    // What every secret key of SecretPair contains, ignoring case (api[_-]?key, access[_-]?key, private[_-]?key spelt out).
    private static readonly SearchValues<string> SecretKeywords = SearchValues.Create(
        [
            "passw", "pwd", "secret", "token", "apikey", "api_key", "api-key", "access_key", "access-key", "accesskey",
            "private_key", "private-key", "privatekey", "credential",
        ],
        StringComparison.OrdinalIgnoreCase);

    // [gitleaks] private-key, [secretlint] rule-privatekey; also a block cut off by the log's end. NonBacktracking: one
    // linear pass over the whole text however many BEGIN lines it holds.
    [GeneratedRegex(
        @"-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|$)",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking,
        matchTimeoutMilliseconds: 5000)]
    private static partial Regex PrivateKey();

    // [secretlint] rule-database-connection-string / rule-basicauth: scheme://user:password@host, the user possibly empty
    // (redis://:password@host). The password runs to the last '@' before the host (an unencoded '@' inside it is hidden too).
    [GeneratedRegex(
        @"(?<scheme>\b[a-zA-Z][a-zA-Z0-9+.\-]{0,30}://)(?<user>[^:/\s@]{0,256}):(?!\[REDACTED)[^\s/]{1,512}@",
        RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(
        // [secretlint] rule-aws + [gitleaks] aws-access-token (ABIA, ACCA)
        @"(?<aws>\b(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b)" +
        // [gitleaks] slack-app-token; [secretlint] rule-slack tokens (+ xoxs, xoxe from [gitleaks] slack-legacy-token,
        // slack-user-token) and incoming webhooks; [gitleaks] slack-config-access-token, slack-config-refresh-token
        // (the app token first: its 64-hex tail exceeds secretlint's 40, and the first branch that matches wins)
        @"|(?<slack>(?i:\bxapp-\d-[A-Z0-9]{1,64}-\d{1,20}-[a-z0-9]{1,256}\b)" +
        @"|\b(?:xoxb|xoxp|xapp|xoxa|xoxo|xoxr|xoxs|xoxe)-(?:\d-)?(?:[a-zA-Z0-9]{1,40}-){1,8}[a-zA-Z0-9]{1,40}\b" +
        @"|\b(?i:xoxe\.xox[bp]-\d-[A-Z0-9]{163,166})|\bxoxe-\d-[A-Za-z0-9]{146}\b" +
        @"|(?i:https://hooks\.slack\.com/services/T[a-zA-Z0-9]{1,40}/B[a-zA-Z0-9]{1,40}/[a-zA-Z0-9]{1,40}))" +
        // [secretlint] rule-stripe ∪ [gitleaks] stripe-access-token (prod, 10+ characters)
        @"|(?<stripe>(?<!\p{L})[sr]k_(?:live|test|prod)_[a-zA-Z0-9]{10,99}(?![a-zA-Z0-9]))" +
        // [secretlint] rule-github: classic tokens and fine-grained personal access tokens
        @"|(?<github>(?<!\p{L})(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{36}(?![A-Za-z0-9_])|(?<!\p{L})github_pat_[A-Za-z0-9_]{82}(?![A-Za-z0-9_]))" +
        // [secretlint] rule-gitlab
        @"|(?<gitlab>(?<!\p{L})glpat-[A-Za-z0-9_-]{20,128}(?![A-Za-z0-9_-]))" +
        // [gitleaks] gcp-api-key
        @"|(?<google>\bAIza[\w-]{35}(?![\w-]))" +
        // [gitleaks] jwt (header also allowed '_' and '-', as base64url is)
        @"|(?<jwt>\bey[A-Za-z0-9_-]{17,4096}\.ey[A-Za-z0-9/\\_-]{17,8192}\.(?:[A-Za-z0-9/\\_-]{10,4096}={0,2})?)" +
        // [secretlint] rule-openai = [gitleaks] openai-api-key
        @"|(?<openai>\bsk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})\b|\bsk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20}\b)" +
        // [secretlint] rule-anthropic + [gitleaks] anthropic-admin-api-key
        @"|(?<anthropic>(?<!\p{L})sk-ant-api0\d-[A-Za-z0-9_-]{90,128}AA(?![A-Za-z0-9_-])|\bsk-ant-admin01-[a-zA-Z0-9_\-]{93}AA(?![A-Za-z0-9_-]))" +
        // [secretlint] rule-npm; [gitleaks] pypi-upload-token
        @"|(?<npm>(?<!\p{L})npm_[A-Za-z0-9_]{36}(?![A-Za-z0-9_]))" +
        @"|(?<pypi>pypi-AgEIcHlwaS5vcmc[\w-]{50,1000})" +
        // [gitleaks] sendgrid-api-token
        @"|(?<sendgrid>\bSG\.[A-Za-z0-9=_\-.]{66}(?![A-Za-z0-9=_\-.]))" +
        // [secretlint] rule-huggingface, rule-groq, rule-docker
        @"|(?<huggingface>(?<!\p{L})hf_[a-zA-Z]{34}(?![a-zA-Z]))" +
        @"|(?<groq>(?<!\p{L})gsk_[a-zA-Z0-9]{52}(?![a-zA-Z0-9]))" +
        @"|(?<docker>(?<!\p{L})dckr_pat_[a-zA-Z0-9_-]{27}(?![a-zA-Z0-9_-]))" +
        // [secretlint] rule-hashicorp-vault: service, batch and recovery tokens
        @"|(?<vault>(?<!\p{L})hvs\.[A-Za-z0-9_-]{90,120}(?![A-Za-z0-9_-])|(?<!\p{L})hvb\.[A-Za-z0-9_-]{138,300}(?![A-Za-z0-9_-])|(?<!\p{L})hvr\.[A-Za-z0-9_-]{90,120}(?![A-Za-z0-9_-]))" +
        // [secretlint] rule-grafana: cloud API tokens and service account tokens
        @"|(?<grafana>(?<!\p{L})glc_[A-Za-z0-9+/]{32,400}={0,2}(?![A-Za-z0-9+/=])|(?<!\p{L})glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![A-Fa-f0-9]))" +
        // [secretlint] rule-shopify, rule-databricks, rule-linear
        @"|(?<shopify>(?<!\p{L})(?:shppa|shpca|shpat|shpss)_[a-zA-Z0-9]{32,64}(?![a-zA-Z0-9]))" +
        @"|(?<databricks>(?<!\p{L})dapi[A-Fa-f0-9]{32}(?:-[0-9])?(?![A-Fa-f0-9]))" +
        @"|(?<linear>(?<!\p{L})lin_api_[a-zA-Z0-9_]{32,128}(?![a-zA-Z0-9_]))" +
        // [gitleaks] digitalocean-access-token, digitalocean-pat, digitalocean-refresh-token
        @"|(?<digitalocean>\bdo[opr]_v1_[a-f0-9]{64}\b)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex ProviderToken();

    [GeneratedRegex(@"(?<scheme>\b[Bb]earer|\bBEARER|\b[Bb]asic)\s+[A-Za-z0-9\-._~+/]+=*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Bearer();

    // A secret given as a command-line flag and its value, separated by spaces: "--password hunter2", "--token 'a b'".
    // ("--password=…" is a key=value pair, below.)
    [GeneratedRegex(
        @"(?<flag>(?<![\w-])--?(?:password|passwd|pass|pwd|token|secret|api-?key|client-secret|access-key|secret-key|auth-token)[ \t]+)(?!\[REDACTED)(?<value>\\""[^""]*""?|""(?:[^""\\]|\\.)*""?|'[^']*'?|[^\s""'-][^\s""']*)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex CommandLineSecret();

    // "-p VALUE": the password flag of mysql, mysqladmin, psql wrappers…; also the port flag of many tools, so a value
    // that reads as a port or a port mapping ("-p 5432", "-p 8080:80/tcp") is left alone (see Port).
    [GeneratedRegex(
        @"(?<flag>(?<![\w-])-p[ \t]+)(?!\[REDACTED)(?<value>""(?:[^""\\]|\\.)*""?|'[^']*'?|[^\s""'-][^\s""']*)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex PortFlag();

    [GeneratedRegex(@"^(?:[\d.]{1,15}:)?\d{1,5}(?::\d{1,5}){0,2}(?:/(?:tcp|udp|sctp))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Port();

    // key=value / key: value pairs whose key names a secret; a quoted value (plain, single or JSON-escaped quotes) is
    // hidden whole, spaces included; an unterminated quote hides the rest of the line. Values already masked are skipped.
    // Two passes: quoted values first, so that a pair nested in another's value ("A=password='two words'") loses its
    // quoted value before the outer pair takes the unquoted rest.
    private const string SecretKey =
        @"(?<key>\b[\w.\-]*(?:password|passwd|pwd|secret|token|api[_\-]?key|apikey|access[_\-]?key|private[_\-]?key|credentials?|client[_\-]?secret)[\w.\-]*(?:\\?[""'])?)(?<sep>\s*[:=]\s*)(?!\\?[""']?\[REDACTED)";

    private const string QuotedValue = @"\\""[^""]*""?|""(?:[^""\\]|\\.)*""?|'[^']*'?";

    [GeneratedRegex(
        SecretKey + "(?<value>" + QuotedValue + ")",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex QuotedSecretPair();

    [GeneratedRegex(
        SecretKey + "(?<value>" + QuotedValue + @"|[^\s""',;&}]+)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex SecretPair();
}
