namespace Sitrep.Server;

/// <summary>
/// A request the server refuses: becomes an RFC 7807 problem-details response naming the field at fault
/// (a query parameter, a JSON property, <c>body</c> or a header).
/// </summary>
public sealed class ApiProblemException(int status, string field, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Field { get; } = field;
    public string Detail { get; } = detail;
}

/// <summary>Writes problem details for refused requests.</summary>
public static class ApiProblem
{
    public static IResult Of(int status, string field, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: Title(status), extensions: new Dictionary<string, object?> { ["field"] = field });

    public static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        404 => "Not found",
        405 => "Method not allowed",
        413 => "Payload too large",
        415 => "Unsupported media type",
        503 => "Service unavailable",
        _ => "Error",
    };
}
