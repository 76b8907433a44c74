namespace Monitor.Nlp.Urgency;

/// <summary>Scores how soon a message needs a responder, 0–100, with reasons; thread-safe.</summary>
public interface IUrgencyScorer
{
    UrgencyResult Score(UrgencyInput input);
}
