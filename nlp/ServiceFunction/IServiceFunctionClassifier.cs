namespace Monitor.Nlp.ServiceFunction;

/// <summary>Routes a message to 政务查询 / 污染举报 / 涉黑举报 / 其他 with the words that decided it; thread-safe.</summary>
public interface IServiceFunctionClassifier
{
    ServiceFunctionResult Classify(ServiceFunctionInput input);
}
