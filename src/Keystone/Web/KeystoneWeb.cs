using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Progress;
using Keystone.Features.Accounts;
using Keystone.Features.Briefings;
using Keystone.Features.Campaigns;
using Keystone.Features.Enterprises;
using Keystone.Features.Factors;
using Keystone.Features.Figures;
using Keystone.Features.Indicators;
using Keystone.Features.Inspections;
using Keystone.Features.Ledger;
using Keystone.Features.Meetings;
using Keystone.Features.Notifications;
using Keystone.Features.Plans;
using Keystone.Features.Problems;
using Keystone.Features.Progress;
using Keystone.Features.Projects;
using Keystone.Features.Promotion;
using Keystone.Features.Schedule;
using Keystone.Features.Targets;
using Keystone.Features.Units;
using Keystone.Features.Work;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Scalar.AspNetCore;

namespace Keystone.Web;

/// <summary>What serving needs of its surroundings: the clock, where warnings go, and their language (the command line's console gives them).</summary>
public sealed record ServeConsole(TimeProvider Clock, TextWriter Error, bool English);

public sealed record ServeOptions
{
    public string? Database { get; init; }

    public string? Urls { get; init; }

    public bool NoDemo { get; init; }

    /// <summary>Arguments for the ASP.NET Core host itself (--environment=…, --contentRoot=…, as test hosts pass them).</summary>
    public string[] HostArgs { get; init; } = [];
}

/// <summary>Builds the web app: the database, the JSON API under /api, the OpenAPI document, the pages.</summary>
public static class KeystoneWeb
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static async Task<WebApplication> BuildAsync(ServeOptions options, ServeConsole console, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = options.HostArgs,
            // The static web assets manifest is named after the app, whoever hosts it (the program, a test).
            ApplicationName = typeof(KeystoneWeb).Assembly.GetName().Name,
            ContentRootPath = options.HostArgs.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
                ? null
                : AppContext.BaseDirectory,
        });
        builder.WebHost.UseStaticWebAssets();
        // Before anything takes "today": an unknown zone stops the start, naming the setting.
        DeskDate.Configure(builder.Configuration[DeskDate.Setting]);
        if (options.Urls is { } urls)
        {
            builder.WebHost.UseUrls(urls);
        }
        else if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var target = DatabaseTarget.Resolve(options.Database, builder.Configuration.GetConnectionString("Keystone"));
        var noDemo = options.NoDemo || builder.Configuration.GetValue<bool>("Keystone:NoDemo");
        var read = ReadReplica.Resolve(builder.Configuration.GetConnectionString(ReadReplica.Setting), target);
        AddServices(builder.Services, target, console.Clock, read);
        builder.Services.AddKeystoneAuth(builder.Configuration);
        builder.Services.AddKeystoneProxies(builder.Configuration);
        builder.Services.AddKeystoneTelemetry(builder.Configuration);
        var limits = LedgerLimits.From(key => builder.Configuration[key]);
        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton<DemoAccounts>();
        builder.Services.AddSingleton(new ImportSlots(limits));
        builder.Services.AddSingleton(Keystone.Core.Schedule.ScheduleLimits.From(key => builder.Configuration[key]));
        var photos = PhotoLimits.From(key => builder.Configuration[key]);
        builder.Services.AddSingleton(photos);
        PageCache.AddPageCache(builder.Services, key => builder.Configuration[key]);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o =>
            o.MultipartBodyLengthLimit = Math.Max(limits.MaxBytes, ReportForm.MaxRequestBytes(photos)) + 1024 * 1024);

        var app = builder.Build();
        await PrepareDatabaseAsync(app.Services, target, noDemo, console, app.Logger, ct);
        if (read is not null)
        {
            app.Logger.LogInformation("Read replica for lag-tolerant reads: {Database}", read.Display);
        }

        MapEndpoints(app, read is not null);
        return app;
    }

    public static void AddServices(IServiceCollection services, DatabaseTarget target, TimeProvider clock, DatabaseTarget? read = null)
    {
        services.AddSingleton(target);
        services.AddSingleton(clock);
        AddDatabase(services, target, read);
        services.AddCaller();
        services.AddScoped<Keystone.Components.ShownAsOf>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.Localize);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.Converters.Add(new SaneDateJsonConverter());
        });
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Keystone API";
            document.Info.Description = "开发区重点项目管理 / the key-project desk of development zones";
            return Task.CompletedTask;
        }).AddErrorResponses());
        // Razor would otherwise write every Chinese character as an HTML entity.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddLocalization();
        services.AddRazorComponents();
        services.AddKeystoneHealth(replica: read is not null);
        // The robots' test message; the sweep itself is `keystone notify`, never a job of the web app.
        services.AddHttpClient<Keystone.Core.Notifications.RobotClient>(c => c.Timeout = Keystone.Core.Notifications.RobotClient.Timeout);
    }

    /// <summary>
    /// The <see cref="AppDbContext"/> of the target's provider (the web app's, and a command's own container);
    /// with a read replica, a request's lag-tolerant reads get a context on the replica (<see cref="ReadReplica"/>).
    /// </summary>
    public static void AddDatabase(IServiceCollection services, DatabaseTarget target, DatabaseTarget? read = null)
    {
        if (read is not null)
        {
            services.AddSingleton(new ReadTarget(read));
            services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => (ReadReplica.Serves(sp) ? read : target).Configure(o));
            return;
        }

        switch (target.Provider)
        {
            case DbProvider.Sqlite:
                services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => target.Configure(o));
                break;
            case DbProvider.Postgres:
                services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => target.Configure(o));
                break;
        }
    }

    private static async Task PrepareDatabaseAsync(IServiceProvider services, DatabaseTarget target, bool noDemo, ServeConsole console, ILogger logger, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (target.Provider == DbProvider.Sqlite)
        {
            await DatabaseSetup.MigrateAsync(db, ct);
        }
        else if (await DatabaseSetup.PendingMigrationsAsync(db, ct) is { Count: > 0 } pending)
        {
            throw new DomainException(new(
                $"PostgreSQL 数据库尚未迁移（待应用 {pending.Count} 个迁移）：请先运行 keystone db migrate --db \"…\"",
                $"The PostgreSQL database is not migrated ({pending.Count} pending): run keystone db migrate --db \"…\" first"));
        }

        Keystone.Core.Calendar.WorkingCalendar.Current = await Keystone.Core.Calendar.CalendarImport.LoadAsync(db, ct);
        if (!noDemo && target.Provider == DbProvider.Sqlite && await DatabaseSetup.IsEmptyAsync(db, ct))
        {
            var loaded = await DemoData.LoadAsync(db, console.Clock, ct);
            logger.LogInformation("Loaded the demo dataset into {Database}: {Projects} projects, {Units} units", target.Display, loaded.New, loaded.CreatedUnits.Count);
        }

        logger.LogInformation("Keystone database: {Database}", target.Display);
        if (!await db.Users.AnyAsync(ct))
        {
            // Nobody could sign in: say how the first administrator is made (there is no default password).
            logger.LogWarning("No user can sign in yet: create the first administrator with keystone users add --db … --username admin --role ProvinceAdmin --unit 省名 --password-stdin");
            console.Error.WriteLine(console.English
                ? "WARNING: no user can sign in yet; create the first administrator: keystone users add --db … --username admin --role ProvinceAdmin --unit NAME --password-stdin"
                : "警告：尚无可登录的用户。请先创建管理员：keystone users add --db … --username admin --role ProvinceAdmin --unit 省名 --password-stdin");
        }

        if (await Keystone.Core.Accounts.Accounts.DemoUsersActiveAsync(db, ct))
        {
            logger.LogWarning("Demo accounts are active (demo-province, demo-city, demo-zone, demo-enterprise, demo-department; password {Password}). Disable them before real use: keystone users disable --username demo-zone …", Keystone.Core.Accounts.Accounts.DemoPassword);
            console.Error.WriteLine(console.English
                ? $"WARNING: demo accounts are active with the password {Keystone.Core.Accounts.Accounts.DemoPassword}; disable them before real use."
                : $"警告：演示账号已启用（密码 {Keystone.Core.Accounts.Accounts.DemoPassword}），正式使用前请停用。");
        }
    }

    private static void MapEndpoints(WebApplication app, bool replica)
    {
        var cultures = new[] { "zh-CN", "zh", "en-US", "en" };
        // First: everything after (rate limits, the audit log, redirects) sees the client, not the proxy.
        app.UseForwardedHeaders();
        if (replica)
        {
            app.UseReadYourWrites();
        }

        app.MapKeystoneMetrics();
        app.UseSecurityHeaders();
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture("zh-CN").AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // The reader's own choice (the language switch's cookie) wins over what the browser sends.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCalendarRefresh();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // After authorization: a cached page is only ever served to a caller allowed to see it (and cached per caller).
        app.UseOutputCache();
        app.UseAntiforgery();
        // The API's writes: signed in by the cookie, they need the antiforgery token too (bearer tokens do not).
        app.UseCookieAntiforgery();

        // The audit log names whoever is signed in for every change this request saves.
        app.Use((http, next) =>
        {
            if (http.User.Identity?.IsAuthenticated == true)
            {
                var db = http.RequestServices.GetRequiredService<AppDbContext>();
                db.Actor = http.User.Identity.Name ?? "unknown";
                db.Clock = http.RequestServices.GetRequiredService<TimeProvider>();
            }

            return next(http);
        });

        // What needs no sign-in is listed here, explicitly; everything else requires it (AuthorizationTests enforce this).
        app.MapKeystoneHealth();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar", o => o.WithTitle("Keystone API").DisableDefaultFonts()).AllowAnonymous();
        app.MapStaticAssets().AllowAnonymous();

        var api = app.MapGroup("/api");
        app.MapAccounts(api);
        var data = api.MapGroup("").RequireAuthorization();
        data.MapUnitsApi();
        data.MapProjectsApi();
        data.MapPlansApi();
        data.MapProgressApi();
        var limits = app.Services.GetRequiredService<LedgerLimits>();
        data.MapLedgerApi(limits);
        data.MapFiguresApi();
        data.MapBriefingsApi();
        data.MapAuditApi();
        data.MapScheduleApi();
        data.MapProblemsApi();
        data.MapFactorsApi();
        data.MapEnterprisesApi();
        data.MapRobotsApi();
        data.MapWorkApi();
        data.MapIndicatorsApi();
        data.MapPromotionApi();
        data.MapPromotionFilesApi().MapPromotionEventsApi();
        data.MapTargetsApi();
        data.MapMeetingsApi();
        data.MapInspectionsApi();
        data.MapCampaignsApi();
        api.MapUsersApi();

        app.MapLedgerImportPages(limits);
        app.MapProblemPages();
        app.MapSchedulePages();
        app.MapCultureSwitch().AllowAnonymous();
        app.MapDeskEndpoints().RequireAuthorization();
        app.MapReviewEndpoint();
        app.MapRemindForm();
        var photos = app.Services.GetRequiredService<PhotoLimits>();
        var pages = app.MapRazorComponents<App>().RequireAuthorization();
        pages.Add(endpoint =>
        {
            // The monthly report posts its photos to the page itself: let that one page take them.
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: ReportForm.Route })
            {
                endpoint.Metadata.Add(new RequestSizeLimitAttribute(ReportForm.MaxRequestBytes(photos)));
            }
        });
    }
}

/// <summary>The read replica the web app sends lag-tolerant reads to, when one is configured.</summary>
public sealed record ReadTarget(DatabaseTarget Target);
