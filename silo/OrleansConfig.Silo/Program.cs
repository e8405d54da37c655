using OrleansConfig.Hosting;
using Serilog;

var settings = OrleansConfigSettings.FromEnvironment();
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSerilog((_, logger) => Logging.Configure(logger, builder.Configuration));
builder.UseOrleans(silo => silo.AddOrleansConfig(settings));

using var host = builder.Build();
await host.RunAsync();
