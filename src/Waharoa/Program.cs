using Waharoa.Cli;

return await WaharoaCommandLine.Build().Parse(args).InvokeAsync();
