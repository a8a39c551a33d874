using Keystone.Core.Calendar;
using Keystone.Core.Data;

namespace Keystone.Web;

/// <summary>
/// Keeps a node's working-day calendar in step with the database: `keystone calendar import` writes the
/// table, and every node (several behind one proxy) reads it again within <see cref="Interval"/> of its next
/// request. No background job: the first request after the interval reloads it (one small query).
/// </summary>
public static class CalendarRefresh
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private static long nextTicks;

    public static IApplicationBuilder UseCalendarRefresh(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var now = Environment.TickCount64;
        var due = Interlocked.Read(ref nextTicks);
        if (now >= due && Interlocked.CompareExchange(ref nextTicks, now + (long)Interval.TotalMilliseconds, due) == due)
        {
            try
            {
                var db = http.RequestServices.GetRequiredService<AppDbContext>();
                WorkingCalendar.Current = await CalendarImport.LoadAsync(db, http.RequestAborted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The calendar in hand stays; the next interval tries again.
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CalendarRefresh)).LogWarning(e, "Could not reload the working-day calendar");
            }
        }

        await next(http);
    });
}
