// The whole system under load (issue 10): a reproducible year of citizen messages and comments for several accounts
// goes in through the real paths — signed deliveries to a running `monitor serve` over HTTP, and `monitor import`
// files — and the harness waits until all of it is analysed and indexed, then reads the store from the side.
//
//   ./monitor --help >/dev/null     # builds monitor.dll once
//   dotnet run -c Release --project bench/Monitor.EndToEnd -- run   [--messages 100000] [--callback-share 0.1] [--rate 1000]
//   dotnet run -c Release --project bench/Monitor.EndToEnd -- fault kill|disk-full [--messages 30000]
//   dotnet run -c Release --project bench/Monitor.EndToEnd -- fault elasticsearch [--messages 20000]   # fake ES: 429/503, item errors
//   dotnet run -c Release --project bench/Monitor.EndToEnd -- fault wechat-api [--messages 5000]       # fake WeChat API: 40001/-1/45009
//   dotnet run -c Release --project bench/Monitor.EndToEnd -- soak  [--minutes 30] [--rate 20] [--burst 600]
//
// Every mode ends with the same ledger (StoreProbe.Ledger): every accepted message stored once and analysed once,
// nothing pending, aggregates and full-text index in step, every rejection with its reason; exit code 1 otherwise.
using System.Globalization;
using Monitor.EndToEnd;

var options = HarnessOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Monitor.EndToEnd run|fault kill|fault disk-full|fault elasticsearch|fault wechat-api|soak [--messages N] [--callback-share F] [--rate R] [--minutes M] [--burst B] [--folder DIR] [--keep]");
    return 2;
}

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return options.Mode switch
{
    "run" => await Harness.RunAsync(options, cancel.Token),
    "fault" when options.Fault == "elasticsearch" => await FaultsElasticsearch.RunAsync(options, cancel.Token),
    "fault" when options.Fault == "wechat-api" => await FaultsWeChat.RunAsync(options, cancel.Token),
    "fault" => await Faults.RunAsync(options, cancel.Token),
    "soak" => await Soak.RunAsync(options, cancel.Token),
    _ => 2,
};
