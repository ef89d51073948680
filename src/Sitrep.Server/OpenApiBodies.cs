using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Sitrep.Server;

/// <summary>
/// Request bodies described in the OpenAPI document. The article endpoints read their body themselves (to give
/// problem details naming the field at fault), so the body is described here rather than inferred from a parameter.
/// </summary>
internal static class OpenApiBodies
{
    public static Task Article(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken token)
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        var form = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            AdditionalPropertiesAllowed = false,
            Required = new HashSet<string> { "text" },
            Properties = new Dictionary<string, IOpenApiSchema>(),
        };
        foreach (var field in ArticleExtractor.JsonFields)
            form.Properties[field] = new OpenApiSchema { Type = field == "text" ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The article: plain text, HTML, or the JSON article form",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = form },
                ["text/plain"] = new() { Schema = text },
                ["text/html"] = new() { Schema = text },
            },
        };
        return Task.CompletedTask;
    }
}
