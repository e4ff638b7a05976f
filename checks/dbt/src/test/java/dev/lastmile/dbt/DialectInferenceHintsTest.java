package dev.lastmile.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The cheap text hints in front of each dialect mark never hide a mark its pattern would find. */
class DialectInferenceHintsTest {

    @Property(tries = 2000)
    void theHintsFindEveryMarkThePatternsFind(@ForAll("sqlish") String sample) {
        assertThat(DialectInference.marks(sample, true)).isEqualTo(DialectInference.marks(sample, false));
    }

    @Property(tries = 300)
    void anyTextAtAll(@ForAll String sample) {
        assertThat(DialectInference.marks(sample, true)).isEqualTo(DialectInference.marks(sample, false));
    }

    /** Texts made of the marks' own pieces in any case and order, with the separators they need. */
    @Provide
    Arbitrary<String> sqlish() {
        List<String> pieces = List.of("#", "# x", "`p.d.t`", "`a`", "create ", "or replace ", "TEMP ", "temporary ",
                "function ", "STRUCT<", "array <", "Safe_Cast(", "_TABLE_SUFFIX", "language ", "'plpgsql", "plpgsql",
                "\\set x", "\\i f", "jsonb", "->>", "$$", "JavaScript ", "python ", "lateral ", "FLATTEN", "::variant",
                "parse_json(", "view ", "using ", "DELTA", "read_parquet(", "read_csv_auto (", "FROM ", "from t",
                " select ", "distkey", "SORTKEY", "getdate()", "GetDate ( )", "\n", " ", "-- c\n", "İ", "ß", "{", "}");
        return Arbitraries.of(pieces).list().ofMaxSize(14).map(l -> String.join("", l));
    }
}
