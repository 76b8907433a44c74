using System.Runtime.CompilerServices;

namespace Monitor.Nlp.Segmentation;

/// <summary>
/// jieba's algorithms over index ranges of the input, with reusable buffers; one instance per thread (never shared).
/// Reproduces jieba.NET 0.42.2 or Python jieba 0.42.1 exactly (<see cref="JiebaCompatibility"/>). jieba.NET: the route
/// keeps the first (shortest) candidate on equal scores, the Viterbi keeps the later previous state, E wins over S on an
/// equal final score, and blocks are <c>[\u4E00-\u9FD5a-zA-Z0-9+#&amp;._%·-]+</c>. Python (tuples compared by
/// <c>max</c>): the longest candidate, the greater state letter, S, and blocks without ·. Full mode: Python's
/// <c>__cut_all</c> over whole blocks, or for jieba.NET as <see cref="JiebaTextSegmenter"/> does it. This file is long because it is one algorithm
/// (jieba's cut) kept in one place, like a parser.
/// </summary>
internal sealed class TokenCutter
{
    private const int KeepCapacity = 1 << 16;

    private static readonly string?[] CharStrings = new string?[char.MaxValue + 1];

    private PrefixDictionary dict = null!;
    private HmmModel hmm = null!;
    private bool python;

    private int[] starts = new int[256];
    private int[] lengths = new int[256];
    private int[] nodes = new int[256];
    private int count;

    private double[] routeScore = new double[256];
    private int[] routeEnd = new int[256];
    private int[] routeNode = new int[256];
    private double[] viterbiScore = new double[1024];
    private byte[] viterbiBack = new byte[1024];
    private byte[] states = new byte[256];
    private int[] dagEnds = new int[64];
    private int[] dagNodes = new int[64];

    // Python full mode joins ASCII words that need not be adjacent; such tokens are kept here, node = ~index.
    private readonly List<string> joined = [];
    private readonly System.Text.StringBuilder joinBuffer = new();

    public int Count => count;

    public int Start(int i) => starts[i];

    public int Length(int i) => lengths[i];

    /// <summary>Cuts <paramref name="text"/>; the tokens are then read with <see cref="Count"/>, <see cref="Start"/>, ….</summary>
    public void Cut(
        ReadOnlySpan<char> text, PrefixDictionary dictionary, HmmModel model, SegmentMode mode, bool useHmm, JiebaCompatibility compatibility)
    {
        dict = dictionary;
        hmm = model;
        python = compatibility == JiebaCompatibility.Python;
        count = 0;
        joined.Clear();
        if (mode == SegmentMode.Full)
        {
            CutFull(text);
            return;
        }

        var n = text.Length;
        var i = 0;
        while (i < n)
        {
            var c = text[i];
            if (python ? IsPythonBlockChar(c) : IsExactBlockChar(c))
            {
                var j = i + 1;
                while (j < n && (python ? IsPythonBlockChar(text[j]) : IsExactBlockChar(text[j])))
                {
                    j++;
                }

                if (useHmm)
                {
                    CutDag(text, i, j);
                }
                else
                {
                    CutDagWithoutHmm(text, i, j);
                }

                i = j;
            }
            else
            {
                i = EmitOther(text, i);
            }
        }

        if (mode == SegmentMode.Search)
        {
            AddSearchGrams(text);
        }
    }

    /// <summary>
    /// The string of token <paramref name="i"/>: cached for single characters and dictionary words. A Python full-mode
    /// ASCII run joined from pieces that are not adjacent is the only token that is not the text of its range.
    /// </summary>
    public string TokenString(ReadOnlySpan<char> text, int i)
    {
        var start = starts[i];
        var length = lengths[i];
        if (length == 1)
        {
            var c = text[start];
            return CharStrings[c] ??= c.ToString();
        }

        var node = nodes[i];
        if (node < 0)
        {
            return joined[~node];
        }

        var span = text.Slice(start, length);
        return node != 0 ? dict.WordString(node, span) : new string(span);
    }

    /// <summary>Drops the references to the dictionary and any buffer grown by a huge input.</summary>
    public void Release()
    {
        dict = null!;
        hmm = null!;
        if (starts.Length > KeepCapacity)
        {
            starts = new int[256];
            lengths = new int[256];
            nodes = new int[256];
        }

        if (routeScore.Length > KeepCapacity)
        {
            routeScore = new double[256];
            routeEnd = new int[256];
            routeNode = new int[256];
        }

        if (viterbiScore.Length > KeepCapacity * 4)
        {
            viterbiScore = new double[1024];
            viterbiBack = new byte[1024];
            states = new byte[256];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAsciiAlnum(char c) => char.IsAsciiLetterOrDigit(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsHan(char c) => c >= HmmModel.FirstHan && c <= HmmModel.LastHan;

    /// <summary>Python jieba's <c>re_han_default</c> class <c>[\u4E00-\u9FD5a-zA-Z0-9+#&amp;._%-]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPythonBlockChar(char c) =>
        IsHan(c) || char.IsAsciiLetterOrDigit(c) || c is '+' or '#' or '&' or '.' or '_' or '%' or '-';

    /// <summary>jieba.NET's <c>RegexChineseDefault</c>: the Python class plus the middle dot ·.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsExactBlockChar(char c) => IsPythonBlockChar(c) || c == '·';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Emit(int start, int length, int node)
    {
        if (count == starts.Length)
        {
            Array.Resize(ref starts, count * 2);
            Array.Resize(ref lengths, count * 2);
            Array.Resize(ref nodes, count * 2);
        }

        starts[count] = start;
        lengths[count] = length;
        nodes[count] = node;
        count++;
    }

    /// <summary>Outside blocks: whitespace is dropped, anything else is one token per character (a surrogate pair whole).</summary>
    private int EmitOther(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (char.IsWhiteSpace(c))
        {
            return i + 1;
        }

        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            Emit(i, 2, 0);
            return i + 2;
        }

        Emit(i, 1, 0);
        return i + 1;
    }

    /// <summary>jieba's <c>calc</c>: the best route from every position of [s, e) to the end, right to left.</summary>
    private void Calc(ReadOnlySpan<char> text, int s, int e)
    {
        var n = e - s;
        if (routeScore.Length < n + 1)
        {
            var size = Math.Max(n + 1, routeScore.Length * 2);
            routeScore = new double[size];
            routeEnd = new int[size];
            routeNode = new int[size];
        }

        var d = dict;
        var score = routeScore;
        var end = routeEnd;
        var nodeOf = routeNode;
        var unknown = d.UnknownLogProbability;
        var longestOnTie = python;
        score[n] = 0;
        var block = text.Slice(s, n);
        for (var idx = n - 1; idx >= 0; idx--)
        {
            var best = double.MinValue;
            var bestEnd = -1;
            var bestNode = 0;
            var node = d.Root(block[idx]);
            var j = idx;
            while (node != 0)
            {
                if (d.IsWord(node))
                {
                    var p = d.LogProbability(node) + score[j + 1];
                    if (best < p || (longestOnTie && best == p))
                    {
                        best = p;
                        bestEnd = j;
                        bestNode = node;
                    }
                }

                j++;
                if (j >= n)
                {
                    break;
                }

                node = d.Child(node, block[j]);
            }

            if (bestEnd < 0)
            {
                best = unknown + score[idx + 1];
                bestEnd = idx;
            }

            score[idx] = best;
            end[idx] = bestEnd;
            nodeOf[idx] = bestNode;
        }
    }

    /// <summary>jieba's <c>__cut_DAG</c>: the route, with runs of single characters handed to the HMM.</summary>
    private void CutDag(ReadOnlySpan<char> text, int s, int e)
    {
        Calc(text, s, e);
        var x = s;
        var bufferStart = -1;
        while (x < e)
        {
            var y = routeEnd[x - s] + 1 + s;
            if (y - x == 1)
            {
                if (bufferStart < 0)
                {
                    bufferStart = x;
                }
            }
            else
            {
                if (bufferStart >= 0)
                {
                    FlushBuffer(text, bufferStart, x);
                    bufferStart = -1;
                }

                Emit(x, y - x, routeNode[x - s]);
            }

            x = y;
        }

        if (bufferStart >= 0)
        {
            FlushBuffer(text, bufferStart, e);
        }
    }

    private void FlushBuffer(ReadOnlySpan<char> text, int s, int e)
    {
        if (e - s == 1)
        {
            Emit(s, 1, 0);
        }
        else if (!dict.ContainsWord(text[s..e]))
        {
            FinalSeg(text, s, e);
        }
        else
        {
            for (var i = s; i < e; i++)
            {
                Emit(i, 1, 0);
            }
        }
    }

    /// <summary>jieba's <c>__cut_DAG_NO_HMM</c>: the route; consecutive single ASCII letters and digits are joined.</summary>
    private void CutDagWithoutHmm(ReadOnlySpan<char> text, int s, int e)
    {
        Calc(text, s, e);
        var x = s;
        var bufferStart = -1;
        while (x < e)
        {
            var y = routeEnd[x - s] + 1 + s;
            if (y - x == 1 && IsAsciiAlnum(text[x]))
            {
                if (bufferStart < 0)
                {
                    bufferStart = x;
                }
            }
            else
            {
                if (bufferStart >= 0)
                {
                    Emit(bufferStart, x - bufferStart, 0);
                    bufferStart = -1;
                }

                Emit(x, y - x, routeNode[x - s]);
            }

            x = y;
        }

        if (bufferStart >= 0)
        {
            Emit(bufferStart, e - bufferStart, 0);
        }
    }

    /// <summary>jieba's <c>finalseg.cut</c>: Han runs through the Viterbi, the rest split by <c>([a-zA-Z0-9]+(?:\.\d+)?%?)</c>.</summary>
    private void FinalSeg(ReadOnlySpan<char> text, int s, int e)
    {
        var i = s;
        while (i < e)
        {
            var j = i + 1;
            if (IsHan(text[i]))
            {
                while (j < e && IsHan(text[j]))
                {
                    j++;
                }

                Viterbi(text, i, j);
            }
            else
            {
                while (j < e && !IsHan(text[j]))
                {
                    j++;
                }

                SplitSkip(text, i, j);
            }

            i = j;
        }
    }

    private void SplitSkip(ReadOnlySpan<char> text, int s, int e)
    {
        var p = s;
        var pieceStart = s;
        while (p < e)
        {
            if (!IsAsciiAlnum(text[p]))
            {
                p++;
                continue;
            }

            if (p > pieceStart)
            {
                Emit(pieceStart, p - pieceStart, 0);
            }

            var q = p + 1;
            while (q < e && IsAsciiAlnum(text[q]))
            {
                q++;
            }

            if (q + 1 < e && text[q] == '.' && char.IsAsciiDigit(text[q + 1]))
            {
                q += 2;
                while (q < e && char.IsAsciiDigit(text[q]))
                {
                    q++;
                }
            }

            if (q < e && text[q] == '%')
            {
                q++;
            }

            Emit(p, q - p, 0);
            p = q;
            pieceStart = q;
        }

        if (pieceStart < e)
        {
            Emit(pieceStart, e - pieceStart, 0);
        }
    }

    /// <summary>jieba.NET's BMES Viterbi over the Han run [s, e), with its exact arithmetic order and tie-breaks.</summary>
    private void Viterbi(ReadOnlySpan<char> text, int s, int e)
    {
        var n = e - s;
        if (viterbiScore.Length < n * 4)
        {
            var size = Math.Max(n * 4, viterbiScore.Length * 2);
            viterbiScore = new double[size];
            viterbiBack = new byte[size];
            states = new byte[size / 4];
        }

        var v = viterbiScore;
        var back = viterbiBack;
        var emB = hmm.Emission[HmmModel.B];
        var emM = hmm.Emission[HmmModel.M];
        var emE = hmm.Emission[HmmModel.E];
        var emS = hmm.Emission[HmmModel.S];
        var tr = hmm.Transition;
        var tEB = tr[(HmmModel.E * 4) + HmmModel.B];
        var tSB = tr[(HmmModel.S * 4) + HmmModel.B];
        var tMM = tr[(HmmModel.M * 4) + HmmModel.M];
        var tBM = tr[(HmmModel.B * 4) + HmmModel.M];
        var tSS = tr[(HmmModel.S * 4) + HmmModel.S];
        var tES = tr[(HmmModel.E * 4) + HmmModel.S];
        var tBE = tr[(HmmModel.B * 4) + HmmModel.E];
        var tME = tr[(HmmModel.M * 4) + HmmModel.E];
        var start = hmm.Start;

        var c0 = text[s] - HmmModel.FirstHan;
        v[HmmModel.B] = start[HmmModel.B] + emB[c0];
        v[HmmModel.M] = start[HmmModel.M] + emM[c0];
        v[HmmModel.E] = start[HmmModel.E] + emE[c0];
        v[HmmModel.S] = start[HmmModel.S] + emS[c0];
        for (var t = 1; t < n; t++)
        {
            var c = text[s + t] - HmmModel.FirstHan;
            var prev = (t - 1) * 4;
            var cur = t * 4;
            var pB = v[prev + HmmModel.B];
            var pM = v[prev + HmmModel.M];
            var pE = v[prev + HmmModel.E];
            var pS = v[prev + HmmModel.S];

            // For each state its two previous states in jieba.NET's order; on a tie jieba.NET keeps the later one, Python
            // the greater state letter (the same for B and E, different for M and S).
            var emp = emB[c];
            var a = pE + tEB + emp;
            var b = pS + tSB + emp;
            if (a <= b)
            {
                v[cur + HmmModel.B] = b;
                back[cur + HmmModel.B] = HmmModel.S;
            }
            else
            {
                v[cur + HmmModel.B] = a;
                back[cur + HmmModel.B] = HmmModel.E;
            }

            emp = emM[c];
            a = pM + tMM + emp;
            b = pB + tBM + emp;
            if (a < b || (a == b && !python))
            {
                v[cur + HmmModel.M] = b;
                back[cur + HmmModel.M] = HmmModel.B;
            }
            else
            {
                v[cur + HmmModel.M] = a;
                back[cur + HmmModel.M] = HmmModel.M;
            }

            emp = emE[c];
            a = pB + tBE + emp;
            b = pM + tME + emp;
            if (a <= b)
            {
                v[cur + HmmModel.E] = b;
                back[cur + HmmModel.E] = HmmModel.M;
            }
            else
            {
                v[cur + HmmModel.E] = a;
                back[cur + HmmModel.E] = HmmModel.B;
            }

            emp = emS[c];
            a = pS + tSS + emp;
            b = pE + tES + emp;
            if (a < b || (a == b && !python))
            {
                v[cur + HmmModel.S] = b;
                back[cur + HmmModel.S] = HmmModel.E;
            }
            else
            {
                v[cur + HmmModel.S] = a;
                back[cur + HmmModel.S] = HmmModel.S;
            }
        }

        var last = (n - 1) * 4;
        var finalE = v[last + HmmModel.E];
        var finalS = v[last + HmmModel.S];
        var state = finalE < finalS || (python && finalE == finalS) ? HmmModel.S : HmmModel.E;
        var path = states;
        for (var t = n - 1; t >= 0; t--)
        {
            path[t] = (byte)state;
            state = back[(t * 4) + state];
        }

        var begin = 0;
        var next = 0;
        for (var i = 0; i < n; i++)
        {
            switch (path[i])
            {
                case HmmModel.B:
                    begin = i;
                    break;
                case HmmModel.E:
                    Emit(s + begin, i + 1 - begin, 0);
                    next = i + 1;
                    break;
                case HmmModel.S:
                    Emit(s + i, 1, 0);
                    next = i + 1;
                    break;
                default:
                    break;
            }
        }

        if (next < n)
        {
            Emit(s + next, n - next, 0);
        }
    }

    /// <summary>Search mode: before each exact token longer than 2 (3), its dictionary 2-grams (3-grams).</summary>
    private void AddSearchGrams(ReadOnlySpan<char> text)
    {
        var exactCount = count;
        var hasLong = false;
        for (var i = 0; i < exactCount && !hasLong; i++)
        {
            hasLong = lengths[i] > 2;
        }

        if (!hasLong)
        {
            return;
        }

        var exactStarts = starts.AsSpan(0, exactCount).ToArray();
        var exactLengths = lengths.AsSpan(0, exactCount).ToArray();
        var exactNodes = nodes.AsSpan(0, exactCount).ToArray();
        count = 0;
        for (var t = 0; t < exactCount; t++)
        {
            var ws = exactStarts[t];
            var wl = exactLengths[t];
            if (wl > 2)
            {
                AddGrams(text, ws, wl, 2);
            }

            if (wl > 3)
            {
                AddGrams(text, ws, wl, 3);
            }

            Emit(ws, wl, exactNodes[t]);
        }
    }

    private void AddGrams(ReadOnlySpan<char> text, int ws, int wl, int size)
    {
        for (var i = 0; i + size <= wl; i++)
        {
            var node = dict.Find(text.Slice(ws + i, size));
            if (node != 0 && dict.IsWord(node))
            {
                Emit(ws + i, size, node);
            }
        }
    }

    /// <summary>
    /// Full mode as <see cref="JiebaTextSegmenter"/> (Python's blocks; inside them . _ % &amp; - are tokens, ASCII runs are
    /// whole and Han runs give every dictionary word); outside blocks the text is split on whitespace.
    /// </summary>
    private void CutFull(ReadOnlySpan<char> text)
    {
        var n = text.Length;
        var i = 0;
        while (i < n)
        {
            var j = i + 1;
            if (IsPythonBlockChar(text[i]))
            {
                while (j < n && IsPythonBlockChar(text[j]))
                {
                    j++;
                }

                if (python)
                {
                    CutAllPython(text, i, j);
                }
                else
                {
                    CutFullBlock(text, i, j);
                }
            }
            else
            {
                while (j < n && !IsPythonBlockChar(text[j]))
                {
                    j++;
                }

                var p = i;
                while (p < j)
                {
                    while (p < j && char.IsWhiteSpace(text[p]))
                    {
                        p++;
                    }

                    var q = p;
                    while (q < j && !char.IsWhiteSpace(text[q]))
                    {
                        q++;
                    }

                    if (q > p)
                    {
                        Emit(p, q - p, 0);
                    }

                    p = q;
                }
            }

            i = j;
        }
    }

    private void CutFullBlock(ReadOnlySpan<char> text, int s, int e)
    {
        var i = s;
        while (i < e)
        {
            var c = text[i];
            if (c is '.' or '_' or '%' or '&' or '-')
            {
                Emit(i, 1, 0);
                i++;
                continue;
            }

            var j = i + 1;
            if (IsHan(c))
            {
                while (j < e && IsHan(text[j]))
                {
                    j++;
                }

                CutAllHan(text, i, j);
            }
            else
            {
                while (j < e && !IsHan(text[j]) && text[j] is not ('.' or '_' or '%' or '&' or '-'))
                {
                    j++;
                }

                Emit(i, j - i, 0);
            }

            i = j;
        }
    }

    /// <summary>
    /// Python jieba 0.42.1's <c>__cut_all</c> on a whole block: every dictionary word of the DAG, and runs of single
    /// ASCII letters and digits joined into one token (<c>eng_buf</c>).
    /// </summary>
    private void CutAllPython(ReadOnlySpan<char> text, int s, int e)
    {
        var oldJ = s - 1;
        var engScan = false;
        var engStart = 0;
        var engEnd = 0;
        var contiguous = true;
        for (var k = s; k < e; k++)
        {
            if (engScan && !IsAsciiAlnum(text[k]))
            {
                engScan = false;
                EmitJoined(engStart, engEnd, contiguous);
            }

            var endCount = CollectEnds(text, k, e);
            if (endCount == 1 && k > oldJ)
            {
                var wordEnd = dagEnds[0] + 1;
                if (IsAsciiAlnum(text[k]))
                {
                    if (!engScan)
                    {
                        engScan = true;
                        engStart = k;
                        engEnd = wordEnd;
                        contiguous = true;
                        joinBuffer.Clear();
                    }
                    else if (contiguous && k == engEnd)
                    {
                        engEnd = wordEnd;
                    }
                    else
                    {
                        if (contiguous)
                        {
                            joinBuffer.Append(text[engStart..engEnd]);
                            contiguous = false;
                        }

                        joinBuffer.Append(text[k..wordEnd]);
                        engEnd = wordEnd;
                    }
                }

                if (!engScan)
                {
                    Emit(k, wordEnd - k, dagNodes[0]);
                }

                oldJ = dagEnds[0];
            }
            else
            {
                for (var t = 0; t < endCount; t++)
                {
                    if (dagEnds[t] > k)
                    {
                        Emit(k, dagEnds[t] + 1 - k, dagNodes[t]);
                        oldJ = dagEnds[t];
                    }
                }
            }
        }

        if (engScan)
        {
            EmitJoined(engStart, engEnd, contiguous);
        }
    }

    private void EmitJoined(int start, int end, bool contiguous)
    {
        if (contiguous)
        {
            Emit(start, end - start, 0);
            return;
        }

        joined.Add(joinBuffer.ToString());
        Emit(start, end - start, ~(joined.Count - 1));
    }

    /// <summary>jieba's <c>get_DAG</c> at <paramref name="k"/>: the ends of the words starting there, or k itself.</summary>
    private int CollectEnds(ReadOnlySpan<char> text, int k, int e)
    {
        var endCount = 0;
        var node = dict.Root(text[k]);
        var j = k;
        while (node != 0)
        {
            if (dict.IsWord(node))
            {
                if (endCount == dagEnds.Length)
                {
                    Array.Resize(ref dagEnds, endCount * 2);
                    Array.Resize(ref dagNodes, endCount * 2);
                }

                dagEnds[endCount] = j;
                dagNodes[endCount] = node;
                endCount++;
            }

            j++;
            if (j >= e)
            {
                break;
            }

            node = dict.Child(node, text[j]);
        }

        if (endCount == 0)
        {
            dagEnds[0] = k;
            dagNodes[0] = 0;
            endCount = 1;
        }

        return endCount;
    }

    /// <summary>jieba.NET's <c>CutAll</c> on a Han run: every dictionary word of the DAG.</summary>
    private void CutAllHan(ReadOnlySpan<char> text, int s, int e)
    {
        var lastPos = -1;
        for (var k = s; k < e; k++)
        {
            var endCount = CollectEnds(text, k, e);
            if (endCount == 1 && k > lastPos)
            {
                Emit(k, dagEnds[0] + 1 - k, dagNodes[0]);
                lastPos = dagEnds[0];
            }
            else
            {
                for (var t = 0; t < endCount; t++)
                {
                    if (dagEnds[t] > k)
                    {
                        Emit(k, dagEnds[t] + 1 - k, dagNodes[t]);
                        lastPos = dagEnds[t];
                    }
                }
            }
        }
    }
}
