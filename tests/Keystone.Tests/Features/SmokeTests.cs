using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features;

public class SmokeTests
{
    [Theory]
    [DatabaseData]
    public async Task Health_AnswersHealthy(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.AnonymousClient();
        var response = await client.GetAsync("/health");
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
