namespace Monitor.Nlp.ServiceFunction;

/// <summary>Creates the rule-based service-function classifier for tools that do not use dependency injection.</summary>
public static class ServiceFunctionClassifierFactory
{
    public static IServiceFunctionClassifier Create() => new KeywordServiceFunctionClassifier();
}
