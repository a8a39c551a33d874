using System.Diagnostics;
using System.Diagnostics.Metrics;
using Keystone.Core.Ledger;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Keystone.Web;

/// <summary>
/// What an operator watches: the app's own meter and activity source ("Keystone": import rows and duration,
/// figures computation time), ASP.NET Core's request metrics and traces, exported by OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>Keystone:Telemetry:Otlp</c> is set, and scraped at <c>/metrics</c>
/// when <c>Keystone:Telemetry:Prometheus</c> is true (answered only to loopback and the configured proxy
/// networks: the numbers are not for the public).
/// </summary>
public static class KeystoneTelemetry
{
    public const string Name = "Keystone";
    public const string OtlpKey = "Keystone:Telemetry:Otlp";
    public const string PrometheusKey = "Keystone:Telemetry:Prometheus";
    public const string MetricsPath = "/metrics";

    /// <summary>Who may scrape /metrics besides loopback (CIDRs); without it, the known proxies and their networks.</summary>
    public const string MetricsNetworksKey = "Keystone:Telemetry:MetricsNetworks";

    /// <summary>The category import, closing and refusal log lines are written under.</summary>
    public const string LogCategory = "Keystone.Operations";

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource Source = new(Name);

    private static readonly Counter<long> ImportRows = Meter.CreateCounter<long>(
        "keystone.import.rows", "{row}", "Ledger rows read by imports, by outcome (imported, refused, dryRun, partial)");

    private static readonly Histogram<double> ImportDuration = Meter.CreateHistogram<double>(
        "keystone.import.duration", "s", "How long a ledger import took, by outcome");

    private static readonly Histogram<double> FiguresDuration = Meter.CreateHistogram<double>(
        "keystone.figures.duration", "s", "How long computing a scope's figures took");

    public static IServiceCollection AddKeystoneTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = configuration[OtlpKey] is { Length: > 0 } endpoint ? new Uri(endpoint) : null;
        var otlpFromEnvironment = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var prometheus = configuration.GetValue<bool>(PrometheusKey);
        if (otlp is null && !otlpFromEnvironment && !prometheus)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(Name, serviceVersion: typeof(KeystoneTelemetry).Assembly.GetName().Version?.ToString()))
            .WithMetrics(m =>
            {
                m.AddMeter(Name).AddAspNetCoreInstrumentation();
                if (prometheus)
                {
                    m.AddPrometheusExporter();
                }

                if (otlp is not null || otlpFromEnvironment)
                {
                    m.AddOtlpExporter(o => Endpoint(o, otlp));
                }
            });
        if (otlp is not null || otlpFromEnvironment)
        {
            telemetry.WithTracing(t => t.AddSource(Name).AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddOtlpExporter(o => Endpoint(o, otlp)));
        }

        return services;
    }

    /// <summary>Maps <c>/metrics</c> when Prometheus is on: only loopback and the known proxy networks may scrape it.</summary>
    public static void MapKeystoneMetrics(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(PrometheusKey))
        {
            return;
        }

        var proxies = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>>().Value;
        var networks = app.Configuration[MetricsNetworksKey] is { Length: > 0 } set
            ? Proxies.Networks(set, "Keystone__Telemetry__MetricsNetworks")
            : [.. proxies.KnownIPNetworks, .. proxies.KnownProxies.Select(a => new System.Net.IPNetwork(a, a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))];
        app.UseWhen(http => http.Request.Path.StartsWithSegments(MetricsPath), branch => branch.Use((http, next) =>
        {
            // The client (after forwarded headers): loopback, or a network the operator trusts to scrape.
            var peer = http.Connection.RemoteIpAddress;
            var ok = peer is null || System.Net.IPAddress.IsLoopback(peer)
                || networks.Any(n => n.Contains(peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer));
            if (!ok)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(http);
        }));
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
    }

    private static void Endpoint(OpenTelemetry.Exporter.OtlpExporterOptions options, Uri? endpoint)
    {
        if (endpoint is not null)
        {
            options.Endpoint = endpoint;
        }
    }

    /// <summary>
    /// Runs an import, then counts its rows, times it and logs who imported which file with what outcome
    /// (never the file's contents).
    /// </summary>
    public static async Task<LedgerImportResult> ImportAsync(ILogger log, string file, string user, LedgerImportOptions options, Func<Task<LedgerImportResult>> import)
    {
        using var activity = Source.StartActivity("ledger import");
        var started = Stopwatch.GetTimestamp();
        var result = await import();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var outcome = options.DryRun ? "dryRun" : !result.Applied ? "refused" : result.Problems.Count > 0 ? "partial" : "imported";
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        ImportRows.Add(result.Rows, tag);
        ImportDuration.Record(seconds, tag);
        activity?.SetTag("keystone.import.rows", result.Rows);
        activity?.SetTag("keystone.import.outcome", outcome);
        var level = outcome == "refused" ? LogLevel.Warning : LogLevel.Information;
        log.Log(level, "Import of {File} by {User}: {Outcome}, {Rows} rows ({New} new, {Updated} updated, {Unchanged} unchanged, {BadRows} bad) in {Seconds:0.000} s",
            file, user, outcome, result.Rows, result.New, result.Updated, result.Unchanged, result.BadRows, seconds);
        return result;
    }

    /// <summary>Times a figures computation.</summary>
    public static async Task<T> FiguresAsync<T>(Func<Task<T>> compute)
    {
        using var activity = Source.StartActivity("figures");
        var started = Stopwatch.GetTimestamp();
        var result = await compute();
        FiguresDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return result;
    }
}
