using BenchmarkDotNet.Running;

namespace Monitor.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 1 && args[0] == "throughput")
        {
            return SegmentThroughput.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "features")
        {
            return FeatureCompare.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "scoring")
        {
            return ScoringThroughput.Run(args[1..]);
        }

        if (args.Length > 1 && args[0] == "classify")
        {
            return ClassifyThroughput.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "sentiment-study")
        {
            return SentimentStudy.Run(args[1..]);
        }

        if (args.Length > 1 && args[0] == "variants")
        {
            return MulticlassVariants.Run(args[1..]);
        }

        if (args.Length > 1 && args[0] == "mlp-study")
        {
            return MlpStudy.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "gov-topic-study")
        {
            return GovTopicStudy.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "sighan")
        {
            return SighanScorer.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
