namespace Keystone.Tests.Features.Accounts;

/// <summary>
/// The progress reviews' part of the matrix: 转为问题并交办. Two home projects' April reports name a problem
/// (存在问题), one for the API's route and one for the page's form: each raises its report's once, so each needs
/// its own. Outsiders are refused (the report is not found) and change nothing; the home officer's raise is accepted.
/// </summary>
public sealed partial class ScopeMatrix
{
    /// <summary>April reports naming a problem: the API raises 004's, the page's form 005's.</summary>
    public const string RaiseApiProject = "YQGX-2024-004";
    public const string RaisePageProject = "YQGX-2024-005";

    private const string RaiseForm = "raise-" + Period;

    private static (string Page, string Form)[] ProgressPageForms =>
    [
        ("/projects/{Code}", RaiseForm),
    ];

    /// <summary>The two reports, filed by the home zone's officer with a 存在问题 each.</summary>
    private async Task ProgressWorldAsync()
    {
        foreach (var code in new[] { RaiseApiProject, RaisePageProject })
        {
            await Ok(HttpMethod.Put, $"/api/projects/{code}/reports/{Period}", new { month = 150m, imageProgress = "基础施工", problemsMet = $"矩阵存在问题{code}：施工用电容量不足" });
        }
    }

    /// <summary>The project a raise route acts on (each consumes its own report's 存在问题).</summary>
    private static string? ProgressCode(MatrixRoute route) =>
        route.Form == RaiseForm ? RaisePageProject
        : route.Template == "/api/projects/{code}/reports/{period}/problem" ? RaiseApiProject
        : null;

    /// <summary>A body the home zone's officer would have had accepted.</summary>
    private static object? ProgressBody(MatrixRoute route) => route.Key switch
    {
        "POST /api/projects/{code}/reports/{period}/problem" => new { category = "procedures", department = "阳泉高新区发展和改革局", deadline = "2024-04-30" },
        _ => null,
    };

    private static (string, string)[]? ProgressFormFields(string? form) => form switch
    {
        RaiseForm => [("text", "矩阵页面转为问题：施工用电容量不足"), ("category", "procedures"), ("department", "阳泉高新区发展和改革局"), ("deadline", "2024-04-30")],
        _ => null,
    };
}
