namespace Keystone.Tests.Features.Accounts;

/// <summary>
/// The enterprise pages' part of the matrix: the /visits form's body (a visit to the home zone's enterprise, as
/// its own officer would record it), the enterprise page's chain-place form (the home enterprise onto the home
/// zone's first chain), and the visits in the fingerprint, so an outsider's recorded visit shows.
/// </summary>
public sealed partial class ScopeMatrix
{
    private IEnumerable<(string Table, string Where)> EnterpriseTables() =>
    [
        ("enterprise_visits", $"\"OrgUnitId\" IN ({unitIds}) OR \"EnterpriseId\" IN ({enterpriseIds})"),
    ];

    /// <summary>A page form of the enterprise pages, as the browser posts it; none for any other form.</summary>
    private (string, string)[] EnterpriseFormFields(string form) => form switch
    {
        "visit" => [("uscc", homeEnterprises[HomeProject].Uscc), ("visitedOn", "2024-04-08"), ("met", "矩阵页面接待人"), ("topics", "矩阵页面访谈"), ("p1-title", "")],
        "chain-place" => [("place", PageId("chain") + ":封装")],
        _ => [],
    };
}
