using Keystone.Core.Progress;

namespace Keystone.Features.Progress;

/// <summary>What the monthly report page (进度填报) posts; the photos come as the form's files.</summary>
public sealed class ReportForm
{
    public const string Route = "/projects/{code}/reports/new";

    public string? Period { get; set; }

    /// <summary>本月完成投资, 万元, as typed (parsed on the server so a typo gets a message, not a 400).</summary>
    public string? Month { get; set; }

    public string? ImageProgress { get; set; }

    public string? ProblemsMet { get; set; }

    public string? CorrectionReason { get; set; }

    /// <summary>The most a report's request may carry: every photo at its limit, and the fields.</summary>
    public static long MaxRequestBytes(PhotoLimits photos) => photos.MaxBytes * photos.MaxPerReport + 1024 * 1024;
}
