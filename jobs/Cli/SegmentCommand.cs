using Monitor.Nlp.Segmentation;

namespace Monitor.Jobs.Cli;

/// <summary><c>monitor segment</c>: text lines in, one line of space-separated tokens out per input line.</summary>
public static class SegmentCommand
{
    public static async Task<int> RunAsync(
        ITextSegmenter segmenter, TextReader input, TextWriter output, SegmentMode mode, bool hmm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            var tokens = segmenter.Cut(line, mode, hmm);
            for (var i = 0; i < tokens.Count; i++)
            {
                if (i > 0)
                {
                    output.Write(' ');
                }

                output.Write(tokens[i]);
            }

            output.Write('\n');
        }

        await output.FlushAsync(cancellationToken);
        return 0;
    }
}
