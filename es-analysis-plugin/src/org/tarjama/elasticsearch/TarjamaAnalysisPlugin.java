package org.tarjama.elasticsearch;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fa.PersianNormalizationFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.pattern.PatternCaptureGroupTokenFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingCharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The Arabic and English analysis components that Tarjama's index template uses, for the
 * local test node only.
 *
 * <p>Elastic's Maven distribution of the server (integ-test-zip) leaves out the analysis-common
 * module, and no build of that module for Elasticsearch 8 or 9 is published on Maven Central.
 * This plugin registers the same Lucene classes under the same names and settings that
 * analysis-common uses, so one template serves this node and the official images alike.
 * It is never installed on a real cluster: those have analysis-common built in.
 *
 * <p>Besides the index template's components, it supplies the three that the security
 * feature's own {@code .security} index names in its {@code email} analyzer
 * ({@code uax_url_email}, {@code pattern_capture}, {@code unique}): without them that index
 * cannot be created, and with it native users, passwords and API keys. With them, a secured
 * test node can issue the ETL's API key as a real cluster does.
 */
public class TarjamaAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        return Map.of("pattern_replace", AnalysisPlugin.requiresAnalysisSettings((indexSettings, environment, name, settings) -> {
            Pattern pattern = Pattern.compile(settings.get("pattern"));
            String replacement = settings.get("replacement", "");
            return new NormalizingCharFilterFactory() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public java.io.Reader create(java.io.Reader reader) {
                    return new PatternReplaceCharFilter(pattern, replacement, reader);
                }
            };
        }));
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "arabic_normalization", normalizing(ArabicNormalizationFilter::new),
            "persian_normalization", normalizing(PersianNormalizationFilter::new),
            "decimal_digit", normalizing(DecimalDigitFilter::new),
            "arabic_stem", filter(ArabicStemFilter::new),
            "porter_stem", filter(PorterStemFilter::new),
            "pattern_capture", AnalysisPlugin.requiresAnalysisSettings((indexSettings, environment, name, settings) -> {
                List<String> regexes = settings.getAsList("patterns");
                if (regexes.isEmpty()) {
                    throw new IllegalArgumentException("pattern_capture filter [" + name + "] needs [patterns]");
                }
                Pattern[] patterns = regexes.stream().map(Pattern::compile).toArray(Pattern[]::new);
                boolean preserveOriginal = settings.getAsBoolean("preserve_original", true);
                return stemming(name, stream -> new PatternCaptureGroupTokenFilter(stream, preserveOriginal, patterns));
            }),
            "unique", (indexSettings, environment, name, settings) -> settings.getAsBoolean("only_on_same_position", false)
                ? stemming(name, RemoveDuplicatesTokenFilter::new)
                : stemming(name, Unique::new),
            "stemmer", (indexSettings, environment, name, settings) -> {
                String language = settings.get("language", settings.get("name", "english"));
                return switch (language) {
                    case "english", "porter" -> stemming(name, PorterStemFilter::new);
                    case "possessive_english" -> stemming(name, EnglishPossessiveFilter::new);
                    case "arabic" -> stemming(name, ArabicStemFilter::new);
                    default -> throw new IllegalArgumentException(
                        "stemmer language [" + language + "] is not in the local test node's analysis plugin");
                };
            }
        );
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("uax_url_email", (indexSettings, environment, name, settings) -> {
            int maxTokenLength = settings.getAsInt("max_token_length", 255);
            return TokenizerFactory.newFactory(name, () -> {
                UAX29URLEmailTokenizer tokenizer = new UAX29URLEmailTokenizer();
                tokenizer.setMaxTokenLength(maxTokenLength);
                return tokenizer;
            });
        });
    }

    private static AnalysisProvider<TokenFilterFactory> filter(UnaryOperator<TokenStream> wrap) {
        return (indexSettings, environment, name, settings) -> stemming(name, wrap);
    }

    private static AnalysisProvider<TokenFilterFactory> normalizing(UnaryOperator<TokenStream> wrap) {
        return (indexSettings, environment, name, settings) -> new Normalizing(name, wrap);
    }

    private static TokenFilterFactory stemming(String name, UnaryOperator<TokenStream> wrap) {
        return new Wrapping(name, wrap);
    }

    /** A named token filter that wraps the stream in one Lucene filter. */
    private static class Wrapping implements TokenFilterFactory {
        private final String name;
        private final UnaryOperator<TokenStream> wrap;

        Wrapping(String name, UnaryOperator<TokenStream> wrap) {
            this.name = name;
            this.wrap = wrap;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public TokenStream create(TokenStream stream) {
            return wrap.apply(stream);
        }
    }

    /** Character-level filters: usable in normalizers and on wildcard and prefix queries. */
    private static final class Normalizing extends Wrapping implements NormalizingTokenFilterFactory {
        Normalizing(String name, UnaryOperator<TokenStream> wrap) {
            super(name, wrap);
        }
    }

    /** analysis-common's {@code unique}: each term once in the whole stream (the first one kept). */
    private static final class Unique extends FilteringTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final CharArraySet seen = new CharArraySet(8, false);

        Unique(TokenStream input) {
            super(input);
        }

        @Override
        protected boolean accept() {
            if (seen.contains(term.buffer(), 0, term.length())) {
                return false;
            }
            seen.add(term.subSequence(0, term.length()).toString());
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            seen.clear();
        }
    }
}
