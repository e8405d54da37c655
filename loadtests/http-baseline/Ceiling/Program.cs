// A bare Kestrel endpoint returning a constant small JSON document: the ceiling that HTTP
// benchmarks of the api are compared against on the same machine and in the same run.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var app = builder.Build();
app.MapGet("/ping", () => Results.Json(new Pong("ok", 1)));
app.Run();

internal sealed record Pong(string Status, int Version);
