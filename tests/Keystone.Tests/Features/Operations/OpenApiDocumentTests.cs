using System.Text.Json.Nodes;
using Keystone.Core.Data;

namespace Keystone.Tests.Features.Operations;

/// <summary>The OpenAPI document tells a client writer how to sign in and every refusal an operation can answer.</summary>
public class OpenApiDocumentTests
{
    [Fact]
    public async Task TheDocument_DeclaresTheBearerAndCookieSchemes_AndTheRefusalsAsProblemDetails()
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        using var client = app.AnonymousClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!;

        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal("http", (string)schemes["Bearer"]!["type"]!);
        Assert.Equal("bearer", (string)schemes["Bearer"]!["scheme"]!);
        Assert.Equal("apiKey", (string)schemes["Cookie"]!["type"]!);
        Assert.Equal("cookie", (string)schemes["Cookie"]!["in"]!);
        Assert.NotNull(document["components"]!["schemas"]!["ProblemDetails"]);

        var project = document["paths"]!["/api/projects/{code}"]!;
        var put = project["put"]!;
        Assert.Equal("#/components/schemas/HttpValidationProblemDetails", Ref(put, "400"));
        foreach (var status in new[] { "401", "403", "404", "409" })
        {
            Assert.Equal("#/components/schemas/ProblemDetails", Ref(put, status));
        }

        Assert.Contains(put["security"]!.AsArray(), r => r!["Bearer"] is not null);

        // An update that honours If-Match declares the header and the 412 a stale one gets; a read does not.
        Assert.Equal("#/components/schemas/ProblemDetails", Ref(put, "412"));
        var ifMatch = Assert.Single(put["parameters"]!.AsArray(), p => (string)p!["name"]! == "If-Match")!;
        Assert.Equal("header", (string)ifMatch["in"]!);
        Assert.Null(project["get"]!["responses"]!["412"]);
        Assert.Equal("#/components/schemas/ProblemDetails", Ref(project["get"]!, "404"));
        Assert.Null(project["get"]!["responses"]!["409"]);
        Assert.Equal("#/components/schemas/ProblemDetails", Ref(document["paths"]!["/api/ledger/import"]!["post"]!, "422"));

        // Every guarded operation says how to sign in and that it can answer 401 and 403.
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (path == "/api/auth/token")
                {
                    continue;
                }

                Assert.True(operation!["security"] is JsonArray { Count: > 0 }, $"{method} {path} declares no security");
                Assert.NotNull(operation["responses"]!["401"]);
            }
        }

        var token = document["paths"]!["/api/auth/token"]!["post"]!;
        Assert.Null(token["security"]);
        Assert.NotNull(token["responses"]!["401"]);
        Assert.NotNull(token["responses"]!["429"]);
    }

    private static string? Ref(JsonNode operation, string status) =>
        (string?)operation["responses"]![status]?["content"]?["application/problem+json"]?["schema"]?["$ref"];
}
