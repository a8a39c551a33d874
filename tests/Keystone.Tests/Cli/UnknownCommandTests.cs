namespace Keystone.Tests.Cli;

/// <summary>A typo is bad input with a suggestion (exit 2), and never starts the server.</summary>
public class UnknownCommandTests
{
    [Fact]
    public async Task AMistypedCommand_IsRefusedWithTheNearestCommand()
    {
        var result = await CliRunner.RunAsync("improt", "x.xlsx");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("未知命令“improt”，是否想输入 import？", result.Error, StringComparison.Ordinal);

        var english = await CliRunner.RunAsync("improt", "x.xlsx", "--lang", "en");
        Assert.Equal(2, english.ExitCode);
        Assert.Contains("Unknown command 'improt'. Did you mean 'import'?", english.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownWord_ListsTheCommands()
    {
        var result = await CliRunner.RunAsync("--lang", "en", "frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown command 'frobnicate'. Commands: serve, db, demo, import", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMistypedSubcommand_IsRefusedWithTheNearestOne()
    {
        var result = await CliRunner.RunAsync("db", "migarte", "--lang", "en");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown command 'migarte'. Did you mean 'keystone db migrate'?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMistypedOption_IsRefusedWithTheNearestOption()
    {
        var result = await CliRunner.RunAsync("figures", "--scpe", "阳泉高新区");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("未知选项“--scpe”，是否想输入 --scope？", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMistypedServeOption_IsRefused_NotTakenAsAHostSetting()
    {
        var result = await CliRunner.RunAsync("serve", "--no-dmeo", "--lang", "en");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown option '--no-dmeo'. Did you mean '--no-demo'?", result.Error, StringComparison.Ordinal);
    }
}
