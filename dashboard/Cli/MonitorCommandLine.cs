using System.CommandLine;
using System.Text;
using Monitor.Dashboard.Hosting;
using Monitor.Index;
using Monitor.Jobs.Cli;
using System.Text.Json.Nodes;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.ServiceFunction;
using Monitor.Nlp.Topics;
using Monitor.Nlp.Urgency;
using Monitor.Nlp.Labels;

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
            // A test host names its data folder as a host setting; the jobs read it while services are registered.
            var data = args.LastOrDefault(a => a.StartsWith("--Monitor:DataDirectory=", StringComparison.OrdinalIgnoreCase));
            await ServeHost.Build(new ServeSettings { DataDirectory = data is null ? "data" : data[(data.IndexOf('=', StringComparison.Ordinal) + 1)..] }, args).RunAsync();
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
        root.Subcommands.Add(Worker());
        root.Subcommands.Add(Segment());
        root.Subcommands.Add(Keywords());
        root.Subcommands.Add(Classify());
        root.Subcommands.Add(Train());
        root.Subcommands.Add(Eval());
        root.Subcommands.Add(Import());
        root.Subcommands.Add(Export());
        root.Subcommands.Add(Quarantine());
        root.Subcommands.Add(Reindex());
        return root;
    }

    private static Option<string> DataOption() => new("--data")
    {
        Description = "The data folder (SQLite store, keys).",
        DefaultValueFactory = _ => "data",
    };

    /// <summary>For the verbs that only segment: where the admin's user dictionary is (default: the configured data folder).</summary>
    private static Option<string?> DictionaryDataOption() => new("--data")
    {
        Description = "The data folder whose user-dict.txt (the admin's words) is added (default: Monitor:DataDirectory).",
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

    private static Command Worker()
    {
        var data = DataOption();
        var command = new Command("worker", "Run the scheduler (source polling, duties) and the analysis worker without the web app.") { data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Monitor:DataDirectory"] = Path.GetFullPath(parse.GetValue(data)!),
            });
            Monitor.Ingest.IngestServiceCollectionExtensions.AddIngest(builder.Services, builder.Configuration);
            Monitor.Nlp.NlpServiceCollectionExtensions.AddNlp(builder.Services, builder.Configuration);
            builder.Services.AddIndex(builder.Configuration);
            Monitor.Jobs.JobsServiceCollectionExtensions.AddJobs(builder.Services, builder.Configuration, runInBackground: true);
            using var host = builder.Build();
            // The analysis worker segments with the admin's words too (read at start; a change made in serve reaches a
            // separate worker at its next start).
            new Admin.UserDictionary(host.Services.GetRequiredService<IConfiguration>(), host.Services).Load();
            await host.RunAsync(cancellationToken);
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
        var userDict = new Option<bool>("--user-dict") { Description = "Add our county-government dictionary and the admin's user dictionary, as serve segments (off: output as Python jieba)." };
        var data = DictionaryDataOption();
        var command = new Command("segment", "Text lines on stdin → space-separated tokens per line on stdout.") { mode, noHmm, engine, userDict, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var segmenter = TextSegmenterFactory.Create(
                parse.GetValue(engine) == "jiebanet" ? SegmenterEngine.JiebaNet : SegmenterEngine.Fast,
                parse.GetValue(userDict) ? [TextSegmenterFactory.CountyDictionaryPath, .. CliServices.AdminDictionary(parse.GetValue(data))] : []);
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
        var noUserDict = new Option<bool>("--no-user-dict") { Description = "Segment without our county-government dictionary and the admin's user dictionary." };
        var dictionaryData = DictionaryDataOption();
        var command = new Command("keywords", "Text lines on stdin → keywords with weights per line on stdout.") { top, method, json, idf, noUserDict, dictionaryData };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var segmenter = TextSegmenterFactory.CreateFast(
                parse.GetValue(noUserDict) ? [] : [TextSegmenterFactory.CountyDictionaryPath, .. CliServices.AdminDictionary(parse.GetValue(dictionaryData))]);
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
        var classify = new Command("classify", "Classify texts (JSONL {\"id\",\"text\"} on stdin → JSONL on stdout).") { sentiment };
        foreach (var task in new[] { "emotion", "topic" })
        {
            var model = new Option<string?>("--model") { Description = $"A model folder (default models/{task})." };
            var command = new Command(task, $"→ {{\"id\",\"label\",\"score\",\"probabilities\"}} of the {task} model.") { model };
            command.SetAction(async (parse, cancellationToken) =>
            {
                await using var services = CliServices.Build(null);
                var classifier = LoadModel(services, task, parse.GetValue(model));
                return await ClassifyCommand.RunAsync(
                    services.GetRequiredService<ITextSegmenter>(), ClassifyCommand.Multiclass(classifier), Console.In, Console.Out, Console.Error, cancellationToken);
            });
            classify.Subcommands.Add(command);
        }

        var service = new Command("service", "→ {\"id\",\"label\",\"score\",\"triggers\"}: 政务查询 / 污染举报 / 涉黑举报 / 其他 with the words that decided it.");
        service.SetAction(async (_, cancellationToken) =>
        {
            await using var services = CliServices.Build(null);
            var segmenter = services.GetRequiredService<ITextSegmenter>();
            var topics = OptionalModel<ITopicClassifier>(services);
            var rules = services.GetRequiredService<IServiceFunctionClassifier>();
            return await ClassifyCommand.RunAsync(segmenter, inputs => GovMessageScoring.ServiceFunctions(segmenter, topics, rules, inputs.Select(i => i.Text).ToList())
                .Select(r => new JsonObject { ["label"] = r.Label, ["score"] = Math.Round(r.Score, 4), ["triggers"] = new JsonArray(r.Triggers.Select(t => (JsonNode?)t).ToArray()) })
                .ToList(), Console.In, Console.Out, Console.Error, cancellationToken);
        });
        var urgency = new Command("urgency", "→ {\"id\",\"label\",\"score\",\"reasons\"}: a 0–100 urgency score with its reasons.");
        urgency.SetAction(async (_, cancellationToken) =>
        {
            await using var services = CliServices.Build(null);
            var segmenter = services.GetRequiredService<ITextSegmenter>();
            var emotions = OptionalModel<IEmotionClassifier>(services);
            var rules = services.GetRequiredService<IServiceFunctionClassifier>();
            var scorer = services.GetRequiredService<IUrgencyScorer>();
            return await ClassifyCommand.RunAsync(segmenter, inputs => GovMessageScoring.Urgency(segmenter, emotions, rules, scorer, inputs.Select(i => i.Text).ToList())
                .Select(r => new JsonObject
                {
                    ["label"] = r.Score >= 60 ? "high" : r.Score >= 30 ? "medium" : "low",
                    ["score"] = r.Score,
                    ["reasons"] = new JsonArray(r.Reasons.Select(x => (JsonNode?)new JsonObject
                    {
                        ["factor"] = x.Factor,
                        ["points"] = x.Points,
                        ["evidence"] = new JsonArray(x.Evidence.Select(e => (JsonNode?)e).ToArray()),
                    }).ToArray()),
                })
                .ToList(), Console.In, Console.Out, Console.Error, cancellationToken);
        });
        classify.Subcommands.Add(service);
        classify.Subcommands.Add(urgency);
        return classify;
    }

    private static ITextClassifier LoadModel(IServiceProvider services, string task, string? folder) =>
        folder is not null ? TextClassifierFactory.Load(folder, task)
        : task == "emotion" ? services.GetRequiredService<IEmotionClassifier>()
        : services.GetRequiredService<ITopicClassifier>();

    /// <summary>The model when its file exists; the rules still work without it.</summary>
    private static T? OptionalModel<T>(IServiceProvider services)
        where T : class
    {
        try
        {
            return services.GetRequiredService<T>();
        }
        catch (FileNotFoundException ex)
        {
            Console.Error.WriteLine($"note: {ex.Message}");
            return null;
        }
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
        var emotionData = new Option<string>("--data") { Description = "The data root holding smp2020_ewect/ (../shared/data).", Required = true };
        var emotionOutput = new Option<string>("--output") { Description = "Where to write model.zip and CARD.md.", DefaultValueFactory = _ => "models/emotion" };
        var emotion = new Command("emotion", "Train the six-class emotion model on SMP2020-EWECT (usual + virus).") { emotionData, emotionOutput };
        emotion.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Build(null);
            return await TrainCommand.RunEmotionAsync(
                services.GetRequiredService<ITextSegmenter>(), parse.GetValue(emotionData)!, parse.GetValue(emotionOutput)!, Console.Error, cancellationToken);
        });
        var file = new Option<string>("--data") { Description = "A labelled CSV file with a header.", Required = true };
        var textColumn = new Option<string>("--text-column") { Description = "The text column(s), comma-separated (joined by a line break).", Required = true };
        var labelColumn = new Option<string>("--label-column") { Description = "The label column.", Required = true };
        var outDir = new Option<string>("--out", "--output") { Description = "Where to write model.zip and CARD.md.", DefaultValueFactory = _ => "models/topic" };
        var unlabeled = new Option<string[]>("--unlabeled") { Description = "CSV files with the same text columns and no labels; they count towards the IDF.", AllowMultipleArgumentsPerToken = true };
        var taxonomy = new Option<string?>("--taxonomy") { Description = "A CSV: first column a label, other columns its keywords (label_taxonomy.csv)." };
        var topic = new Command("topic", "Train a topic model on any labelled CSV (the government taxonomy or a county's own labels).")
        {
            file, textColumn, labelColumn, outDir, unlabeled, taxonomy,
        };
        topic.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Build(null);
            var options = new TopicTrainingOptions
            {
                DataFile = parse.GetValue(file)!,
                TextColumns = parse.GetValue(textColumn)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                LabelColumn = parse.GetValue(labelColumn)!,
                OutputDirectory = parse.GetValue(outDir)!,
                UnlabeledFiles = parse.GetValue(unlabeled) ?? [],
                TaxonomyFile = parse.GetValue(taxonomy),
                Command = "./monitor " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
            };
            return await TrainCommand.RunTopicAsync(services.GetRequiredService<ITextSegmenter>(), options, Console.Error, cancellationToken);
        });
        return new Command("train", "Train a model from labelled data.") { sentiment, emotion, topic };
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
        var eval = new Command("eval", "Evaluate a model on labelled data.") { sentiment };
        foreach (var task in new[] { "emotion", "topic" })
        {
            var file = new Option<string>("--data") { Description = "SMP2020 JSONL (emotion) or a labelled CSV (topic).", Required = true };
            var taskSplit = new Option<string>("--split") { Description = "all (default) or validation (our held-out rows).", DefaultValueFactory = _ => "all" };
            taskSplit.AcceptOnlyFromAmong("all", "validation");
            var model = new Option<string?>("--model") { Description = $"A model folder (default models/{task})." };
            var textColumn = new Option<string>("--text-column") { Description = "CSV text column(s), comma-separated.", DefaultValueFactory = _ => "留言主题,留言详情" };
            var labelColumn = new Option<string>("--label-column") { Description = "CSV label column.", DefaultValueFactory = _ => "一级分类" };
            var minAcc = new Option<double?>("--min-accuracy") { Description = "Exit 1 when accuracy is below this." };
            var minF1 = new Option<double?>("--min-macro-f1") { Description = "Exit 1 when macro-F1 is below this." };
            var command = new Command(task, $"Accuracy, macro-F1, per-class table, confusion matrix and calibration error of the {task} model.")
            {
                file, taskSplit, model, textColumn, labelColumn, minAcc, minF1,
            };
            command.SetAction(async (parse, cancellationToken) =>
            {
                await using var services = CliServices.Build(null);
                return await EvalCommand.RunMulticlassAsync(
                    LoadModel(services, task, parse.GetValue(model)), services.GetRequiredService<ITextSegmenter>(), parse.GetValue(file)!,
                    parse.GetValue(textColumn)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), parse.GetValue(labelColumn)!,
                    parse.GetValue(taskSplit) == "validation", parse.GetValue(minAcc), parse.GetValue(minF1), Console.Out, cancellationToken);
            });
            eval.Subcommands.Add(command);
        }

        var labels = new Option<string>("--labels") { Description = "Our labels CSV.", DefaultValueFactory = _ => "nlp/Labels/gov_messages_labels.csv" };
        var govData = new Option<string>("--data") { Description = "The gov_messages_teddy2020 folder.", DefaultValueFactory = _ => "../shared/data/gov_messages_teddy2020" };
        var minMacro = new Option<double?>("--min-macro-f1") { Description = "Exit 1 when macro-F1 is below this." };
        var labelSplit = new Option<string>("--split") { Description = "all (default), tuning (the half rules were written on) or heldout.", DefaultValueFactory = _ => LabelSplit.All };
        labelSplit.AcceptOnlyFromAmong([.. LabelSplit.Names]);
        var service = new Command("service", "Precision/recall per class of the service function against our labels.") { labels, govData, labelSplit, minMacro };
        service.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Build(null);
            return await EvalCommand.RunServiceAsync(
                services.GetRequiredService<ITextSegmenter>(), OptionalModel<ITopicClassifier>(services), services.GetRequiredService<IServiceFunctionClassifier>(),
                parse.GetValue(labels)!, parse.GetValue(govData)!, parse.GetValue(labelSplit)!, parse.GetValue(minMacro), Console.Out, cancellationToken);
        });
        var urgencyLabels = new Option<string>("--labels") { Description = "Our labels CSV.", DefaultValueFactory = _ => "nlp/Labels/gov_messages_labels.csv" };
        var urgencyData = new Option<string>("--data") { Description = "The gov_messages_teddy2020 folder.", DefaultValueFactory = _ => "../shared/data/gov_messages_teddy2020" };
        var minSpearman = new Option<double?>("--min-spearman") { Description = "Exit 1 when Spearman's rho is below this." };
        var urgencySplit = new Option<string>("--split") { Description = "all (default), tuning (the half rules were written on) or heldout.", DefaultValueFactory = _ => LabelSplit.All };
        urgencySplit.AcceptOnlyFromAmong([.. LabelSplit.Names]);
        var urgency = new Command("urgency", "Spearman and precision@top10% of urgency against our labels.") { urgencyLabels, urgencyData, urgencySplit, minSpearman };
        urgency.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Build(null);
            return await EvalCommand.RunUrgencyAsync(
                services.GetRequiredService<ITextSegmenter>(), OptionalModel<IEmotionClassifier>(services), services.GetRequiredService<IServiceFunctionClassifier>(),
                services.GetRequiredService<IUrgencyScorer>(), parse.GetValue(urgencyLabels)!, parse.GetValue(urgencyData)!, parse.GetValue(urgencySplit)!, parse.GetValue(minSpearman), Console.Out, cancellationToken);
        });
        eval.Subcommands.Add(service);
        eval.Subcommands.Add(urgency);
        return eval;
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

    private static Command Quarantine()
    {
        var data = DataOption();
        var replay = new Option<bool>("--replay") { Description = "Read every quarantined WeChat delivery again and store those that now read." };
        var command = new Command("quarantine", "List the deliveries that could not be read, with the reason; --replay releases those that now read.") { data, replay };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Build(parse.GetValue(data));
            return await QuarantineCommand.RunAsync(services, parse.GetValue(replay), Console.Out, cancellationToken);
        });
        return command;
    }

    private static Command Export()
    {
        var data = DataOption();
        var format = new Option<string>("--format") { Description = "jsonl (one JSON object per message).", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl");
        var includeSealed = new Option<bool>("--include-sealed")
        {
            Description = "Write 涉黑举报 reports in full (default: sealed, as the dashboard exports them); each is recorded in the sealed audit under your OS user.",
        };
        var command = new Command("export", "Write every stored message with its analysis to stdout.") { data, format, includeSealed };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliServices.Build(parse.GetValue(data));
            var full = parse.GetValue(includeSealed);
            var audit = new Sealed.SealedAudit(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StoreOptions>>(), TimeProvider.System);
            var export = new Sealed.OperatorExport(
                new Sealed.SealedPath(services.GetRequiredService<IServiceFunctionClassifier>(), audit), audit, full, Environment.UserName);
            if (full)
            {
                await Console.Error.WriteLineAsync(
                    $"warning: --include-sealed writes 涉黑举报 reports in full; each is recorded in the sealed audit as '{Environment.UserName}' ({Sealed.OperatorExport.Endpoint}).");
            }

            var exit = await ExportCommand.RunAsync(services.GetRequiredService<IMessageStore>(), Console.Out, export.ViewAsync, cancellationToken);
            if (export.Sealed > 0)
            {
                await Console.Error.WriteLineAsync(full
                    ? $"warning: {export.Sealed} 涉黑举报 report(s) written in full and recorded in the sealed audit."
                    : $"note: {export.Sealed} 涉黑举报 report(s) written sealed (placeholder text, no author or tokens); --include-sealed writes them in full, audited.");
            }

            return exit;
        });
        return command;
    }

    private static Command Reindex()
    {
        var data = DataOption();
        var to = new Option<string>("--to") { Description = "The backend to copy into: elasticsearch.", Required = true };
        to.AcceptOnlyFromAmong("elasticsearch");
        var url = new Option<string>("--es-url")
        {
            Description = "The Elasticsearch node, e.g. http://localhost:9200 (user:password@ for basic auth); default Monitor:Elasticsearch:Url. The section's prefix and retry settings apply.",
        };
        var command = new Command("reindex", "Copy the SQLite store into Elasticsearch; resumes from the last checkpoint, progress on stderr.") { to, url, data };
        command.SetAction(async (parse, cancellationToken) =>
            await ReindexCommand.RunAsync(
                parse.GetValue(data)!, parse.GetValue(url), CliServices.Elasticsearch(parse.GetValue(data)), Console.Error, cancellationToken));
        return command;
    }
}
