using System.CommandLine;
using System.Text;
using Monitor.Dashboard.Hosting;
using Monitor.Index;
using Monitor.Jobs.Cli;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;

namespace Monitor.Dashboard.Cli;

/// <summary>
/// The verbs of <c>monitor</c>. Every stage can be run on its own: lines in, lines out, UTF-8. Usage errors print the
/// help of the command concerned and exit 2; a command that ran but found bad input exits 1.
/// </summary>
internal static class MonitorCommandLine
{
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        Console.InputEncoding = Encoding.UTF8;
        Console.OutputEncoding = new UTF8Encoding(false);
        if (TestHostArguments.AreOnly(args))
        {
            await ServeHost.Build(new ServeSettings(), args).RunAsync();
            return 0;
        }

        var root = Build();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            await Console.Error.WriteLineAsync();
            var helpArgs = parsed.CommandResult.Command == root ? ["--help"] : CommandPath(parsed).Append("--help").ToArray();
            root.Parse(helpArgs).Invoke(new InvocationConfiguration { Output = Console.Error });
            return UsageError;
        }

        return await parsed.InvokeAsync();
    }

    private static Stack<string> CommandPath(ParseResult parsed)
    {
        var names = new Stack<string>();
        for (var result = parsed.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Push(result.Command.Name);
        }

        return names;
    }

    private static RootCommand Build()
    {
        var root = new RootCommand("Monitor: public-opinion monitoring and Chinese text analysis for government WeChat accounts.");
        root.Subcommands.Add(Serve());
        root.Subcommands.Add(Segment());
        root.Subcommands.Add(Keywords());
        root.Subcommands.Add(Classify());
        root.Subcommands.Add(Train());
        root.Subcommands.Add(Eval());
        root.Subcommands.Add(Import());
        root.Subcommands.Add(Export());
        return root;
    }

    private static Option<string> DataOption() => new("--data")
    {
        Description = "The data folder (SQLite store, keys).",
        DefaultValueFactory = _ => "data",
    };

    private static Command Serve()
    {
        var data = DataOption();
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on (default http://127.0.0.1:5000)." };
        var demo = new Option<bool>("--demo") { Description = "Add a simulated account that sends citizen messages through the signed callback." };
        var noScheduler = new Option<bool>("--no-scheduler") { Description = "Run the web app only; background jobs run in a worker." };
        var command = new Command("serve", "Run the dashboard, the WeChat callback and the background pipeline.") { data, urls, demo, noScheduler };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new ServeSettings
            {
                DataDirectory = parse.GetValue(data)!,
                Urls = parse.GetValue(urls),
                Demo = parse.GetValue(demo),
                RunScheduler = !parse.GetValue(noScheduler),
            };
            await using var app = ServeHost.Build(settings, []);
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command Segment()
    {
        var mode = new Option<SegmentMode>("--mode") { Description = "exact (default), search or full.", DefaultValueFactory = _ => SegmentMode.Exact };
        var noHmm = new Option<bool>("--no-hmm") { Description = "Do not guess unknown words with the HMM." };
        var engine = new Option<string>("--engine") { Description = "fast (default, our segmenter) or jiebanet (the reference).", DefaultValueFactory = _ => "fast" };
        engine.AcceptOnlyFromAmong("fast", "jiebanet");
        var userDict = new Option<bool>("--user-dict") { Description = "Add our county-government dictionary (off: output as Python jieba)." };
        var command = new Command("segment", "Text lines on stdin → space-separated tokens per line on stdout.") { mode, noHmm, engine, userDict };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var segmenter = TextSegmenterFactory.Create(
                parse.GetValue(engine) == "jiebanet" ? SegmenterEngine.JiebaNet : SegmenterEngine.Fast,
                parse.GetValue(userDict) ? [TextSegmenterFactory.CountyDictionaryPath] : []);
            using var input = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8, false, 1 << 16);
            await using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
            return await SegmentCommand.RunAsync(segmenter, input, output, parse.GetValue(mode), !parse.GetValue(noHmm), cancellationToken);
        });
        return command;
    }

    private static Command Keywords()
    {
        var top = new Option<int>("--top") { Description = "Keywords per line (default 20).", DefaultValueFactory = _ => 20 };
        var method = new Option<string>("--method") { Description = "tfidf (default) or textrank.", DefaultValueFactory = _ => "tfidf" };
        method.AcceptOnlyFromAmong("tfidf", "textrank");
        var json = new Option<bool>("--json") { Description = "One JSON array of {word, weight} per line." };
        var idf = new Option<string?>("--idf") { Description = "An IDF file (default jieba's; ours: models/idf-gov/idf.txt)." };
        var noUserDict = new Option<bool>("--no-user-dict") { Description = "Segment without our county-government dictionary." };
        var command = new Command("keywords", "Text lines on stdin → keywords with weights per line on stdout.") { top, method, json, idf, noUserDict };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var segmenter = TextSegmenterFactory.CreateFast(parse.GetValue(noUserDict) ? [] : [TextSegmenterFactory.CountyDictionaryPath]);
            var extractor = parse.GetValue(method) == "textrank"
                ? Monitor.Nlp.Keywords.KeywordExtractors.CreateTextRank(segmenter)
                : Monitor.Nlp.Keywords.KeywordExtractors.CreateTfIdf(segmenter, parse.GetValue(idf));
            using var input = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8, false, 1 << 16);
            await using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
            return await KeywordsCommand.RunAsync(extractor, input, output, parse.GetValue(top), parse.GetValue(json), cancellationToken);
        });

        var data = new Option<string>("--data") { Description = "The data folder (../shared/data).", Required = true };
        var output = new Option<string>("--output") { Description = "Where to write idf.txt and CARD.md.", DefaultValueFactory = _ => "models/idf-gov" };
        var buildIdf = new Command("build-idf", "Compute our IDF from the citizen messages and Weibo texts, with its card.") { data, output };
        buildIdf.SetAction(async (parse, cancellationToken) =>
        {
            var segmenter = TextSegmenterFactory.CreateFast([TextSegmenterFactory.CountyDictionaryPath]);
            var commandLine = $"./monitor keywords build-idf --data {parse.GetValue(data)} --output {parse.GetValue(output)}";
            return await KeywordsCommand.BuildIdfAsync(segmenter, parse.GetValue(data)!, parse.GetValue(output)!, commandLine, Console.Error, cancellationToken);
        });
        command.Subcommands.Add(buildIdf);
        return command;
    }

    private static Command Classify()
    {
        var sentiment = new Command("sentiment", "JSONL {\"id\",\"text\"} on stdin → JSONL {\"id\",\"label\",\"score\"} on stdout.");
        sentiment.SetAction(async (_, cancellationToken) =>
        {
            await using var services = CliServices.Build(null);
            return await ClassifyCommand.RunAsync(
                services.GetRequiredService<ITextSegmenter>(), services.GetRequiredService<ISentimentClassifier>(),
                Console.In, Console.Out, Console.Error, cancellationToken);
        });
        return new Command("classify", "Classify texts with a trained model.") { sentiment };
    }

    private static Command Train()
    {
        var data = new Option<string>("--data") { Description = "The folder of labelled corpora (../shared/data).", Required = true };
        var output = new Option<string>("--output") { Description = "Where to write model.zip and CARD.md.", DefaultValueFactory = _ => "models/sentiment" };
        var sentiment = new Command("sentiment", "Train the sentiment model on the binary corpora and write it with its card.") { data, output };
        sentiment.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Build(null);
            return await TrainCommand.RunSentimentAsync(
                services.GetRequiredService<ITextSegmenter>(), parse.GetValue(data)!, parse.GetValue(output)!, Console.Error, cancellationToken);
        });
        return new Command("train", "Train a model from labelled data.") { sentiment };
    }

    private static Command Eval()
    {
        var data = new Option<string>("--data") { Description = "A labelled CSV file (columns label, review).", Required = true };
        var split = new Option<string>("--split") { Description = "all (default) or validation (our held-out rows).", DefaultValueFactory = _ => "all" };
        split.AcceptOnlyFromAmong("all", "validation");
        var minAccuracy = new Option<double?>("--min-accuracy") { Description = "Exit 1 when accuracy is below this." };
        var sentiment = new Command("sentiment", "Accuracy, macro-F1, per-class table and confusion matrix of the sentiment model.") { data, split, minAccuracy };
        sentiment.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Build(null);
            return await EvalCommand.RunSentimentAsync(
                services.GetRequiredService<ISentimentClassifier>(), services.GetRequiredService<ITextSegmenter>(),
                parse.GetValue(data)!, parse.GetValue(split) == "validation", parse.GetValue(minAccuracy), Console.Out, cancellationToken);
        });
        return new Command("eval", "Evaluate a model on labelled data.") { sentiment };
    }

    private static Command Import()
    {
        var data = DataOption();
        var file = new Argument<FileInfo>("file") { Description = "A CSV, JSONL or Excel (.xlsx) file of messages." };
        var mapping = new Option<FileInfo?>("--mapping") { Description = "A JSON column mapping (see ingest/Import/Mappings/); default: columns id, time, text, ..." };
        var command = new Command("import", "Import messages from a file into the store; rejected rows are reported with their line numbers.") { file, data, mapping };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Build(parse.GetValue(data));
            return await ImportCommand.RunAsync(services, parse.GetValue(file)!.FullName, parse.GetValue(mapping)?.FullName, Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }

    private static Command Export()
    {
        var data = DataOption();
        var format = new Option<string>("--format") { Description = "jsonl (one JSON object per message).", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl");
        var command = new Command("export", "Write every stored message with its analysis to stdout.") { data, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Build(parse.GetValue(data));
            return await ExportCommand.RunAsync(services.GetRequiredService<IMessageStore>(), Console.Out, cancellationToken);
        });
        return command;
    }
}
