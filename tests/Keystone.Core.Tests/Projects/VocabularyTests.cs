using Keystone.Core.Projects;

namespace Keystone.Core.Tests.Projects;

public class VocabularyTests
{
    [Theory]
    [InlineData("省级重点工程", ProjectLevels.Provincial)]
    [InlineData("省重点", ProjectLevels.Provincial)]
    [InlineData("省级", ProjectLevels.Provincial)]
    [InlineData("provincial", ProjectLevels.Provincial)]
    [InlineData("市级重点", ProjectLevels.Municipal)]
    [InlineData("区级", ProjectLevels.Zone)]
    [InlineData("一般", ProjectLevels.Ordinary)]
    [InlineData("省级重点、市级重点", ProjectLevels.Provincial | ProjectLevels.Municipal)]
    [InlineData("省市重点", ProjectLevels.Provincial | ProjectLevels.Municipal)]
    [InlineData("provincial,municipal", ProjectLevels.Provincial | ProjectLevels.Municipal)]
    public void Levels_AcceptTheVariantsLedgersUse(string text, ProjectLevels expected)
    {
        Assert.Equal(expected, ProjectVocabulary.ParseLevels(text));
    }

    [Theory]
    [InlineData("国家级")]
    [InlineData("省级、国家级")]
    [InlineData("")]
    public void Levels_RefuseWhatTheyDoNotKnow(string text)
    {
        Assert.Null(ProjectVocabulary.ParseLevels(text));
    }

    [Theory]
    [InlineData("产业类", ProjectCategory.Industrial)]
    [InlineData("基础设施建设", ProjectCategory.Infrastructure)]
    [InlineData("民生", ProjectCategory.Livelihood)]
    [InlineData("Other", ProjectCategory.Other)]
    public void Categories_AcceptVariants(string text, ProjectCategory expected)
    {
        Assert.Equal(expected, ProjectVocabulary.ParseCategory(text));
    }

    [Fact]
    public void EveryName_ParsesBackToItself()
    {
        foreach (var level in ProjectVocabulary.AllLevels)
        {
            Assert.Equal(level, ProjectVocabulary.ParseLevels(ProjectVocabulary.Name(level)));
            Assert.Equal(level, ProjectVocabulary.ParseLevels(ProjectVocabulary.Code(level)));
        }

        foreach (var category in Enum.GetValues<ProjectCategory>())
        {
            Assert.Equal(category, ProjectVocabulary.ParseCategory(ProjectVocabulary.Name(category)));
        }

        foreach (var status in Enum.GetValues<ProjectStatus>())
        {
            Assert.Equal(status, ProjectVocabulary.ParseStatus(ProjectVocabulary.Name(status)));
        }
    }
}
