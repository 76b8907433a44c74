namespace Monitor.Nlp.Segmentation;

/// <summary>
/// Which jieba the fast segmenter reproduces token for token. The two differ on exact ties of route or Viterbi scores
/// (呀呀呀: Python 呀呀/呀, jieba.NET 呀/呀呀), on the middle dot · (jieba.NET keeps it inside a block) and in full mode
/// (Python also finds dictionary words mixing Han and ASCII, D盘, and splits ASCII runs at + and #).
/// </summary>
public enum JiebaCompatibility
{
    /// <summary>Python jieba 0.42.1, the reference of <c>./monitor segment</c> (default).</summary>
    Python,

    /// <summary>jieba.NET 0.42.2, for side-by-side comparison with the jiebanet engine.</summary>
    JiebaNet,
}
