namespace Monitor.Index.Queries;

/// <summary>
/// A term used more in the window than in the baseline: in how many messages of each it appeared, and Dunning's log-likelihood ratio (G²),
/// the larger the less likely the rise is chance (G² above 10.83 is p &lt; 0.001).
/// </summary>
public sealed record HotTerm(string Term, long Count, long BaselineCount, double LogLikelihood);
