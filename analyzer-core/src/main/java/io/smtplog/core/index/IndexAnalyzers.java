package io.smtplog.core.index;

import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/** The analyzers of the index's fields: {@code text} analysed, keywords whole (lower-cased where they are so indexed). */
final class IndexAnalyzers {
  private IndexAnalyzers() {}

  /** A whole value, lower-cased: for addresses, domains and names. */
  static final class LowerCaseKeyword extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new KeywordTokenizer();
      return new TokenStreamComponents(source, new LowerCaseFilter(source));
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new LowerCaseFilter(in);
    }
  }

  /** For queries (and the writer's text field): per field, as the documents were built. */
  static Analyzer perField() {
    Map<String, Analyzer> fields = new HashMap<>();
    Analyzer lower = new LowerCaseKeyword();
    Analyzer keyword = new KeywordAnalyzer();
    for (IndexField f : IndexFields.all()) {
      if (f.type() == IndexField.Type.KEYWORD) {
        fields.put(f.name(), lower);
      } else if (f.type() == IndexField.Type.ID) {
        fields.put(f.name(), keyword);
      }
    }
    return new PerFieldAnalyzerWrapper(new StandardAnalyzer(), fields);
  }
}
