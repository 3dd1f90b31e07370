using Waharoa.Bench.Cli;

return await BenchCommandLine.Build().Parse(args).InvokeAsync();
