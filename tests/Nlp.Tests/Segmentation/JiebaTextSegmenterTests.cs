using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Tests.Support;

namespace Monitor.Nlp.Tests.Segmentation;

public sealed class JiebaTextSegmenterTests : TextSegmenterContractTests
{
    private protected override ITextSegmenter Segmenter => Shared.Segmenter;

    [Fact]
    public void DictionaryVersionNamesTheJiebaRelease()
    {
        Assert.Equal("jieba-0.42.1", Segmenter.DictionaryVersion);
    }
}
