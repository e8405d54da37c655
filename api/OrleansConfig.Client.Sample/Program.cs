using Microsoft.Extensions.Options;
using OrleansConfig.Client;
using OrleansConfig.Client.Sample;

var builder = WebApplication.CreateBuilder(args);

// The provider runs before the application's services exist, so it gets a logger factory of its own.
using var providerLogging = LoggerFactory.Create(
    logging => logging.AddSimpleConsole(console => console.SingleLine = true));
var settings = builder.Configuration.GetSection("OrleansConfig");
builder.Configuration.AddOrleansConfig(options =>
{
    options.BaseAddress = new Uri(settings["BaseAddress"] ?? "http://127.0.0.1:5080");
    options.ApiKey = settings["ApiKey"] ?? Environment.GetEnvironmentVariable("OC_KEY");
    options.Namespace = settings["Namespace"] ?? "shop";
    options.Environment = settings["Environment"] ?? "dev";
    options.Optional = true;
    options.LoggerFactory = providerLogging;
});

builder.Services.Configure<FeatureSettings>(builder.Configuration.GetSection("Features"));
builder.Services.AddHostedService<FeatureChangePrinter>();

var app = builder.Build();
app.MapGet("/", (IOptionsMonitor<FeatureSettings> features, IConfiguration configuration) =>
    Results.Ok(new { features = features.CurrentValue, status = configuration.GetOrleansConfigStatus() }));

await app.RunAsync();
