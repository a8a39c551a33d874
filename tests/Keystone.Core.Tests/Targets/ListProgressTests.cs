using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Plans;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Targets;

/// <summary>Seed 004's per-list narrative: under each key list, what each started project is doing.</summary>
public class ListProgressTests
{
    private static ListProject P(string code, string name, Nature nature, string? progress, ProjectLevels levels = ProjectLevels.Provincial) =>
        new(levels, nature, code, name, progress);

    [Fact]
    public void EachStartedProject_IsNamedWithItsLatestProgress_AndTheSilentOnesTogether()
    {
        var projects = new[]
        {
            P("A1", "多氟年产2万吨高纯六氟磷酸锂项目", Nature.Continuing, "正在进行二期生产设备安装调试。"),
            P("A2", "阳泉云峰大数据智能算力中心项目", Nature.Continuing, "数据中心厂房主体施工已全部完成"),
            P("B1", "百度云计算（阳泉）中心服务器扩容项目", Nature.New, "正在办理前期手续，现已开始临建施工"),
            P("B2", "阳泉东区智慧物流产业园（二期）项目", Nature.New, null),
            P("B3", "高新区老年福利中心建设项目", Nature.New, "  "),
            P("M1", "奥特莱斯城市商业综合体项目", Nature.Continuing, "主体施工", ProjectLevels.Municipal),
        };
        Assert.Equal(
            "续建的2个项目中，多氟年产2万吨高纯六氟磷酸锂项目正在进行二期生产设备安装调试；阳泉云峰大数据智能算力中心项目数据中心厂房主体施工已全部完成。"
            + "新开工的3个项目中，百度云计算（阳泉）中心服务器扩容项目正在办理前期手续，现已开始临建施工；阳泉东区智慧物流产业园（二期）、高新区老年福利中心建设等项目正有序推进。",
            BriefingWriter.ListProgress(projects, ProjectLevels.Provincial));
        Assert.Equal("续建的1个项目中，奥特莱斯城市商业综合体项目主体施工。", BriefingWriter.ListProgress(projects, ProjectLevels.Municipal));
        Assert.Null(BriefingWriter.ListProgress(projects, ProjectLevels.Zone));
        Assert.Equal("新开工的1个项目中，乙项目正有序推进。", BriefingWriter.ListProgress([P("X", "乙项目", Nature.New, null)], ProjectLevels.Provincial));
    }

    [Theory]
    [DatabaseData]
    public async Task TheDemoBriefing_EnumeratesEachKeyList_AsSeed004Does(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = new OrgTree(await db.OrgUnits.Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)).ToListAsync());
        var briefing = (await ScopeDesk.BriefingAsync(db, tree, tree.Resolve("阳泉高新区"), 2024, new DateOnly(2024, 4, 10))).Briefing;
        var kinds = briefing.Sections.Select(s => s.Kind).ToList();
        Assert.Equal(kinds.IndexOf(BriefingSectionKind.ProvincialKey) + 1, kinds.IndexOf(BriefingSectionKind.ProvincialProgress));
        Assert.Equal(kinds.IndexOf(BriefingSectionKind.MunicipalKey) + 1, kinds.IndexOf(BriefingSectionKind.MunicipalProgress));
        var provincial = briefing.Sections.Single(s => s.Kind == BriefingSectionKind.ProvincialProgress).Text;
        // The counts are the key list's own: 续建项目5个，新开工项目4个.
        Assert.StartsWith("续建的5个项目中，", provincial);
        Assert.Contains("。新开工的4个项目中，", provincial);
        var municipal = briefing.Sections.Single(s => s.Kind == BriefingSectionKind.MunicipalProgress).Text;
        Assert.StartsWith("续建的5个项目中，", municipal);
        Assert.Contains("。新开工的6个项目中，", municipal);
    }
}
