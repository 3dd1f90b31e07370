global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.DependencyInjection;
