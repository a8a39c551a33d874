namespace Keystone.Core.Accounts;

/// <summary>What a user may do, within its org unit (docs/domain.md "Who works in it").</summary>
public enum Role
{
    /// <summary>省商务厅: everything in the province.</summary>
    ProvinceAdmin,

    /// <summary>市重点工程项目指挥部: the zones and counties of one city.</summary>
    CityOfficer,

    /// <summary>管委会: one zone's ledger, reports, problems, promotion.</summary>
    ZoneOfficer,

    /// <summary>责任单位: the problems assigned to its department.</summary>
    DepartmentOfficer,

    /// <summary>项目单位填报员: its own enterprise's projects.</summary>
    EnterpriseReporter,

    /// <summary>全国: everything in every province, at the nation unit of a national deployment.</summary>
    NationAdmin,
}
