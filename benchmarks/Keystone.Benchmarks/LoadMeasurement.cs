using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Keystone.Benchmarks;

/// <summary>
/// `load`: many people at a zone's desk at once, against a running Keystone on this machine (scripts/load.sh
/// starts one). Each client signs in through the form as a person does, takes an API token, then until the
/// time or the request budget runs out: the cockpit, the ledger with filters, a project's page, a monthly
/// report submitted through the API and the figures API. Prints p50/p95/p99 per step, throughput and errors,
/// and the server's resident memory after the warm-up and at the end (flat means no growth per request).
/// Loopback only: it refuses any other address.
/// </summary>
public static partial class LoadMeasurement
{
    private sealed record Options(
        Uri Url, string User, string Password, int Clients, TimeSpan Duration, TimeSpan WarmUp, long MaxRequests, string Scope, string AsOf, string Period, int? ServerPid,
        string? Writes, int Share, int Shares);

    private sealed class Step(string name)
    {
        private readonly List<double> measured = [];

        public string Name { get; } = name;

        public int Errors { get; private set; }

        public List<string> FirstErrors { get; } = [];

        public List<double> Times => measured;

        public void Add(double ms, bool ok, string? why)
        {
            lock (measured)
            {
                measured.Add(ms);
                if (!ok)
                {
                    Errors++;
                    if (FirstErrors.Count < 3 && why is not null)
                    {
                        FirstErrors.Add(why);
                    }
                }
            }
        }
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var o = Parse(args);
        if (!IsLoopback(o.Url))
        {
            Console.Error.WriteLine($"load: {o.Url} is not a loopback address; this tool only loads a server on this machine");
            return 2;
        }

        var steps = new[] { "sign-in", "cockpit", "ledger", "project", "report", "api figures" }.ToDictionary(n => n, n => new Step(n));
        using var setup = Client(o.Url);
        var token = await TokenAsync(setup, o);
        setup.DefaultRequestHeaders.Authorization = new("Bearer", token);
        // With --share K/N, this run writes only every N-th project from the K-th, so runs side by side never write the same report.
        var codes = (await CodesAsync(setup, o)).Where((_, i) => i % o.Shares == o.Share).ToList();
        if (codes.Count < o.Clients)
        {
            Console.Error.WriteLine($"load: {codes.Count} projects in {o.Scope} for {o.Clients} clients: fewer clients, please");
            return 2;
        }

        Console.WriteLine($"load: {o.Clients} clients, {o.Duration.TotalSeconds:0} s (warm-up {o.WarmUp.TotalSeconds:0} s not counted), at most {o.MaxRequests} requests, {codes.Count} projects in {o.Scope}, as of {o.AsOf}");
        var started = Stopwatch.StartNew();
        var measureFrom = o.WarmUp;
        var end = o.WarmUp + o.Duration;
        long sent = 0;
        long? rssAfterWarmUp = null;
        var sampler = Task.Run(async () =>
        {
            await Task.Delay(o.WarmUp);
            rssAfterWarmUp = Rss(o.ServerPid);
        });

        // Every report submission, in order per project, when asked (scripts/faults.sh checks none acknowledged is lost).
        await using var writes = o.Writes is null ? null : new StreamWriter(o.Writes, append: false) { AutoFlush = true };
        var clients = Enumerable.Range(0, o.Clients).Select(i => Task.Run(async () =>
        {
            // Each client its own projects: the last acknowledged submission of a project is then well defined.
            var mine = codes.Where((_, n) => n % o.Clients == i).ToList();
            using var http = Client(o.Url);
            var random = new Random(i);
            bool Counting() => started.Elapsed >= measureFrom;
            bool Go() => started.Elapsed < end && Interlocked.Increment(ref sent) <= o.MaxRequests;

            async Task TimeAsync(string step, Func<Task<(bool Ok, string? Why)>> request)
            {
                var t = Stopwatch.GetTimestamp();
                (bool Ok, string? Why) result;
                try
                {
                    result = await request();
                }
                catch (Exception e)
                {
                    // A node killed mid-answer fails in many ways (refused, reset, a body cut short): each is an error of the step, never the end of the run.
                    result = (false, e.GetType().Name + ": " + e.Message);
                }

                if (!result.Ok)
                {
                    // A node or the database down: back off a little rather than spin on refusals.
                    await Task.Delay(200);
                }

                // Sign-ins happen once per client, in the warm-up: always counted.
                if (Counting() || step == "sign-in")
                {
                    steps[step].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds, result.Ok, result.Why);
                }
            }

            await TimeAsync("sign-in", () => SignInAsync(http, o));
            // The API's own token, taken the way a script does (no browser cookies).
            using var api = Client(o.Url);
            var bearer = await TokenAsync(api, o);
            var scope = Uri.EscapeDataString(o.Scope);
            while (Go())
            {
                await TimeAsync("cockpit", () => GetAsync(http, $"/?scope={scope}&asOf={o.AsOf}"));
                await TimeAsync("ledger", () => GetAsync(http, $"/projects?unit={scope}&asOf={o.AsOf}&nature=%E6%96%B0%E5%BB%BA&sort=status&page={1 + random.Next(3)}"));
                var code = mine[random.Next(mine.Count)];
                await TimeAsync("project", () => GetAsync(http, $"/projects/{Uri.EscapeDataString(code)}?asOf={o.AsOf}"));
                var month = random.Next(1, 500);
                await TimeAsync("report", async () =>
                {
                    var sent = await ReportAsync(http, bearer, code, o.Period, month);
                    if (writes is not null)
                    {
                        lock (writes)
                        {
                            writes.WriteLine($"{code}\t{month}\t{(sent.Item1 ? "ok" : "failed")}");
                        }
                    }

                    return sent;
                });
                await TimeAsync("api figures", () => GetAsync(http, $"/api/figures?scope={scope}&asOf={o.AsOf}", bearer));
            }
        })).ToList();
        await Task.WhenAll(clients);
        await sampler;
        var seconds = (started.Elapsed - measureFrom).TotalSeconds;
        var rssEnd = Rss(o.ServerPid);

        Console.WriteLine();
        Console.WriteLine("| step | requests | errors | p50 | p95 | p99 | max |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        var all = new List<double>();
        foreach (var s in steps.Values)
        {
            var sorted = s.Times.Order().ToList();
            all.AddRange(sorted);
            Console.WriteLine(sorted.Count == 0
                ? $"| {s.Name} | 0 | {s.Errors} | | | | |"
                : $"| {s.Name} | {sorted.Count} | {s.Errors} | {P(sorted, 50)} | {P(sorted, 95)} | {P(sorted, 99)} | {sorted[^1]:0.0} ms |");
        }

        all.Sort();
        var errors = steps.Values.Sum(s => s.Errors);
        Console.WriteLine($"| **all** | {all.Count} | {errors} | {P(all, 50)} | {P(all, 95)} | {P(all, 99)} | {(all.Count > 0 ? all[^1] : 0):0.0} ms |");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput: {all.Count / Math.Max(seconds, 0.001):0} requests/s over {seconds:0.0} s; errors: {errors}"));
        if (o.ServerPid is not null)
        {
            Console.WriteLine($"server memory (RSS): {Mb(rssAfterWarmUp)} after the warm-up, {Mb(rssEnd)} at the end");
        }

        foreach (var s in steps.Values.Where(s => s.FirstErrors.Count > 0))
        {
            Console.WriteLine($"{s.Name} errors, first: {string.Join(" | ", s.FirstErrors)}");
        }

        return errors == 0 ? 0 : 1;
    }

    private static string P(List<double> sorted, int percentile) =>
        sorted.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)]:0.0} ms");

    private static string Mb(long? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:0} MB") : "?";

    private static long? Rss(int? pid)
    {
        if (pid is null)
        {
            return null;
        }

        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address));

    private static HttpClient Client(Uri url) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = true,
        CookieContainer = new CookieContainer(),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<(bool, string?)> GetAsync(HttpClient http, string path, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK && body.Length > 0 ? (true, null) : (false, $"GET {path}: {(int)response.StatusCode}");
    }

    /// <summary>Signs in through the page's form, as a browser does: its antiforgery token, then the post.</summary>
    private static async Task<(bool, string?)> SignInAsync(HttpClient http, Options o)
    {
        var page = await http.GetStringAsync("/login");
        var token = AntiforgeryField().Match(page);
        if (!token.Success)
        {
            return (false, "no antiforgery token on /login");
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["returnUrl"] = "/",
            ["username"] = o.User,
            ["password"] = o.Password,
        });
        using var response = await http.PostAsync("/login", form);
        var where = response.Headers.Location?.OriginalString ?? "";
        return response.StatusCode == HttpStatusCode.Redirect && !where.Contains("login", StringComparison.Ordinal)
            ? (true, null)
            : (false, $"POST /login: {(int)response.StatusCode} {where}");
    }

    private static async Task<(bool, string?)> ReportAsync(HttpClient http, string bearer, string code, string period, int month)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/projects/{Uri.EscapeDataString(code)}/reports/{period}")
        {
            Content = JsonContent.Create(new { month, imageProgress = "主体施工" }),
        };
        request.Headers.Authorization = new("Bearer", bearer);
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode ? (true, null) : (false, $"PUT report {code}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (false, $"PUT report {code}: {e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task<string> TokenAsync(HttpClient http, Options o)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { username = o.User, password = o.Password });
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST /api/auth/token: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("token").GetString()!;
    }

    private static async Task<List<string>> CodesAsync(HttpClient http, Options o)
    {
        var codes = new List<string>();
        for (var page = 1; page <= 5; page++)
        {
            using var json = JsonDocument.Parse(await http.GetStringAsync($"/api/projects?scope={Uri.EscapeDataString(o.Scope)}&page={page}&pageSize=100"));
            var items = json.RootElement.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("code").GetString()!).ToList();
            codes.AddRange(items);
            if (items.Count < 100)
            {
                break;
            }
        }

        return codes;
    }

    private static Options Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new Options(
            new Uri(Get("url", "http://127.0.0.1:5180")),
            Get("user", "bench"),
            Get("password", "bench-password-1234"),
            int.Parse(Get("clients", "50"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Get("seconds", "60"), CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(Get("warm-up", "10"), CultureInfo.InvariantCulture)),
            long.Parse(Get("max-requests", "1000000"), CultureInfo.InvariantCulture),
            Get("scope", "基准开发区0"),
            Get("as-of", "2024-04-10"),
            Get("period", "2024-03"),
            Get("pid", "") is { Length: > 0 } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Get("writes", "") is { Length: > 0 } writes ? writes : null,
            int.Parse(Get("share", "0/1").Split('/')[0], CultureInfo.InvariantCulture),
            int.Parse(Get("share", "0/1").Split('/')[1], CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
